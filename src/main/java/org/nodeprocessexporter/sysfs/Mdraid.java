package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /sys/block/mdN/md} (Documentation/admin-guide/md.rst): an array's level, how many member
 * devices it has when complete, and for redundant levels how many of them are missing.
 *
 * @param device   {@code md0}
 * @param level    {@code raid1}, {@code raid0}, {@code linear}, ...
 * @param disks    {@code raid_disks}
 * @param degraded {@code degraded}; 0 for levels without redundancy, which have no such file
 */
public record Mdraid(String device, String level, long disks, long degraded) {

    public static List<Mdraid> read(Path sysRoot) throws IOException {
        List<Mdraid> out = new ArrayList<>();
        for (Path dev : SysfsFiles.list(sysRoot.resolve("block"), "md*")) {
            Path md = dev.resolve("md");
            if (!Files.isDirectory(md)) {
                continue;
            }
            String level = Files.readString(md.resolve("level")).trim();
            long degraded = switch (level) {
                case "raid1", "raid4", "raid5", "raid6", "raid10" -> number(md, "degraded");
                default -> 0;
            };
            out.add(new Mdraid(dev.getFileName().toString(), level, number(md, "raid_disks"), degraded));
        }
        return out;
    }

    private static long number(Path dir, String file) throws IOException {
        String text = Files.readString(dir.resolve(file)).trim();
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("malformed " + dir.resolve(file) + ": " + text, e);
        }
    }
}
