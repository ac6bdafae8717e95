package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /sys/fs/xfs/<device>/stats/stats} (the format of /proc/fs/xfs/stat, per file system;
 * https://xfs.org/index.php/Runtime_Stats): one line per category, a name then its counters.
 *
 * @param device     the block device name ({@code sda1}, {@code dm-2})
 * @param categories category name ({@code extent_alloc}, {@code rw}, ...) to its counters
 */
public record XfsStats(String device, Map<String, long[]> categories) {

    /** Every mounted XFS file system; none without XFS. */
    public static List<XfsStats> read(Path sysRoot) throws IOException {
        List<XfsStats> out = new ArrayList<>();
        for (Path dir : SysfsFiles.list(sysRoot.resolve("fs/xfs"), "*")) {
            Path file = dir.resolve("stats/stats");
            if (Files.isRegularFile(file)) {
                out.add(new XfsStats(dir.getFileName().toString(), parse(Files.readString(file))));
            }
        }
        return out;
    }

    public static Map<String, long[]> parse(String text) throws IOException {
        Map<String, long[]> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = org.nodeprocessexporter.procfs.Fields.split(line);
            if (f.length < 2) {
                continue;
            }
            long[] values = new long[f.length - 1];
            try {
                for (int i = 1; i < f.length; i++) {
                    values[i - 1] = Long.parseUnsignedLong(f[i]);
                }
            } catch (NumberFormatException e) {
                throw new IOException("malformed xfs stats line: " + line, e);
            }
            out.put(f[0], values);
        }
        return out;
    }
}
