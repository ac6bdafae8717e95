package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/** What {@code /sys/block/<device>} tells about a block device beyond its counters. */
public final class BlockDevice {
    private BlockDevice() {
    }

    /** {@code queue/rotational}: 1 for spinning disks, 0 for SSDs; empty when the device has no queue. */
    public static OptionalLong rotational(Path sysRoot, String device) throws IOException {
        try {
            return OptionalLong.of(Long.parseLong(
                    Files.readString(sysRoot.resolve("block").resolve(device).resolve("queue/rotational")).trim()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (NumberFormatException e) {
            throw new IOException("malformed queue/rotational of " + device, e);
        }
    }

    /** The devices under {@code slaves/} (what a device-mapper device sits on), sorted. */
    public static List<String> slaves(Path sysRoot, String device) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sysRoot.resolve("block").resolve(device).resolve("slaves"))) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Collections.sort(names);
        return names;
    }
}
