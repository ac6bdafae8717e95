package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code /proc/diskstats} (Documentation/admin-guide/iostats.rst): major, minor, device
 * name and 11 (before 4.18), 15 (before 5.5) or 17 counters, in the kernel's order: reads, reads
 * merged, sectors read, ms reading, writes, writes merged, sectors written, ms writing, I/Os in
 * progress, ms doing I/O, weighted ms, discards, discards merged, sectors discarded, ms discarding,
 * flushes, ms flushing.
 *
 * @param major  device major number
 * @param minor  device minor number
 * @param device device name
 * @param stats  the counters this kernel writes, in file order
 */
public record Diskstats(int major, int minor, String device, long[] stats) {

    public static List<Diskstats> read(Path procRoot) throws IOException {
        return parse(Files.readString(procRoot.resolve("diskstats")));
    }

    public static List<Diskstats> parse(String text) throws IOException {
        List<Diskstats> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] f = Fields.split(trimmed);
            if (f.length < 14) {
                throw new IOException("malformed diskstats line: " + trimmed);
            }
            try {
                long[] stats = new long[f.length - 3];
                for (int i = 0; i < stats.length; i++) {
                    stats[i] = Long.parseUnsignedLong(f[i + 3]);
                }
                out.add(new Diskstats(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], stats));
            } catch (NumberFormatException e) {
                throw new IOException("malformed diskstats line: " + trimmed, e);
            }
        }
        return out;
    }
}
