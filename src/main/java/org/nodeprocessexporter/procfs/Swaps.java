package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/swaps}, read as prometheus/procfs reads it: the first line is the header, every
 * other line a swap area of at least five fields whose size, use and priority are integers, or the
 * whole file fails. The file name is as the kernel prints it (blanks and backslashes as octal
 * escapes, {@code \040}).
 */
public final class Swaps {
    private Swaps() {
    }

    /**
     * @param filename the device or file, as printed
     * @param type     {@code partition} or {@code file}
     * @param sizeKiB  size in KiB
     * @param usedKiB  used, in KiB
     * @param priority the swap priority
     */
    public record Swap(String filename, String type, long sizeKiB, long usedKiB, long priority) {
    }

    public static List<Swap> read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("swaps")));
    }

    public static List<Swap> parse(String text) throws IOException {
        List<Swap> swaps = new ArrayList<>();
        List<String> lines = Fields.lines(text);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = Fields.split(line);
            if (f.length < 5) {
                throw new IOException("too few fields in swap string: " + line);
            }
            swaps.add(new Swap(f[0], f[1], integer(f[2], "size", line), integer(f[3], "used", line),
                    integer(f[4], "priority", line)));
        }
        return swaps;
    }

    /** Go's {@code strconv.Atoi}. */
    private static long integer(String s, String what, String line) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("invalid swap " + what + ": " + s + " in " + line, e);
        }
    }
}
