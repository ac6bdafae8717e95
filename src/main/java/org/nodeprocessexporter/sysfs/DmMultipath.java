package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A device-mapper multipath map, {@code /sys/block/dm-N} whose {@code dm/uuid} starts with {@code mpath-}
 * (Documentation/ABI/testing/sysfs-block-dm): its name, suspended flag, size, and its paths, the
 * {@code slaves/} entries with the state of each from {@code /sys/block/<path>/device/state}
 * (SCSI {@code running}, {@code offline}, ...; NVMe {@code live}, ...).
 *
 * @param name      dm/name, e.g. {@code mpatha}
 * @param sysfsName the kernel's name, e.g. {@code dm-1}
 * @param sizeBytes the size file (512-byte sectors) in bytes
 */
public record DmMultipath(String name, String sysfsName, String uuid, boolean suspended, long sizeBytes,
                          List<PathDevice> paths) {

    /** @param device the path's block device, e.g. {@code sdb} */
    public record PathDevice(String device, String state) {
    }

    /**
     * Every multipath map, sorted by kernel name. A dm device without dm/uuid is skipped; any other
     * file missing or unreadable fails the read, as in prometheus/procfs.
     */
    public static List<DmMultipath> read(Path sysRoot) throws IOException {
        Path block = sysRoot.resolve("block");
        if (!Files.isDirectory(block)) {
            throw new NoSuchFileException(block.toString());
        }
        List<DmMultipath> out = new ArrayList<>();
        for (Path dm : SysfsFiles.list(block, "dm-*")) {
            String uuid;
            try {
                uuid = attr(dm.resolve("dm/uuid"));
            } catch (NoSuchFileException e) {
                continue;
            }
            if (!uuid.startsWith("mpath-")) {
                continue;
            }
            String name = attr(dm.resolve("dm/name"));
            long suspended = Long.parseUnsignedLong(attr(dm.resolve("dm/suspended")));
            long sectors = Long.parseUnsignedLong(attr(dm.resolve("size")));
            List<PathDevice> paths = new ArrayList<>();
            for (Path slave : SysfsFiles.list(dm.resolve("slaves"), "*")) {
                String dev = slave.getFileName().toString();
                paths.add(new PathDevice(dev, attr(block.resolve(dev).resolve("device/state"))));
            }
            out.add(new DmMultipath(name, dm.getFileName().toString(), uuid, suspended == 1, sectors * 512, paths));
        }
        return out;
    }

    private static String attr(Path file) throws IOException {
        return Files.readString(file).trim();
    }
}
