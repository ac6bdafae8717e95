package org.nodeprocessexporter.procfs;

import java.nio.file.Path;

/**
 * {@code /proc/<pid>/smaps_rollup} (Linux 4.14+), values converted from kB to bytes.
 *
 * <p>Needs ptrace-read rights on the process ({@link ReadStatus#DENIED} otherwise). For a kernel
 * thread (no address space) the kernel fails the open with {@code ESRCH}, which {@link ProcFile}
 * reports as {@link ReadStatus#GONE}: callers that know the task is a kernel thread should not
 * count that as an error. An empty file (seen on some kernels for the same case) parses as
 * {@link #NO_MM}.
 *
 * <p>Rss, Pss, Swap and SwapPss are required, each line ended by a newline; otherwise
 * {@link #parse} returns {@code null} (malformed). Nothing throws.
 */
public record SmapsRollup(long rssBytes, long pssBytes, long swapBytes, long swapPssBytes) {

    /** A process without address space. */
    public static final SmapsRollup NO_MM = new SmapsRollup(0, 0, 0, 0);

    private static final byte[][] KEYS = {
        AsciiCursor.ascii("Rss:"), AsciiCursor.ascii("Pss:"), AsciiCursor.ascii("Swap:"), AsciiCursor.ascii("SwapPss:"),
    };
    private static final byte[] KB = AsciiCursor.ascii("kB");

    public static SmapsRollup read(ProcFile file, Path dir) {
        return file.readAndParse(dir, "smaps_rollup", SmapsRollup::parse);
    }

    public static SmapsRollup parse(byte[] b, int len) {
        if (len == 0) {
            return NO_MM;
        }
        AsciiCursor c = new AsciiCursor(b, 0, len);
        long rss = 0, pss = 0, swap = 0, swapPss = 0;
        int seen = 0;
        AsciiCursor line = new AsciiCursor(b, 0, 0);
        while (c.nextLine(line)) {
            for (int k = 0; k < KEYS.length; k++) {
                if (line.match(KEYS[k])) {
                    line.blanks();
                    long v = line.u64();
                    line.blanks();
                    if (line.bad || !line.match(KB) || !line.atEnd() || v > Long.MAX_VALUE / 1024) {
                        return null;
                    }
                    v *= 1024;
                    switch (k) {
                        case 0 -> rss = v;
                        case 1 -> pss = v;
                        case 2 -> swap = v;
                        default -> swapPss = v;
                    }
                    seen |= 1 << k;
                    break;
                }
            }
        }
        return seen == 15 ? new SmapsRollup(rss, pss, swap, swapPss) : null;
    }
}
