package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/slabinfo} (format 2.1, the only one since Linux 2.6.10), read as prometheus/procfs
 * reads it: lines containing {@code slabinfo -} or {@code # name} are headers; every other line
 * must have exactly sixteen blank-separated fields ({@code name active num size perslab pages :
 * tunables limit batch shared : slabdata active num avail}) with integers where numbers belong,
 * or the whole file fails. The file is readable by root only.
 */
public final class Slabinfo {
    private static final byte[] VERSION = AsciiCursor.ascii("slabinfo -");
    private static final byte[] HEADER = AsciiCursor.ascii("# name");
    /** The fields upstream parses as numbers; the others are the {@code :} and section words. */
    private static final int[] NUMBERS = {1, 2, 3, 4, 5, 8, 9, 10, 13, 14, 15};

    private Slabinfo() {
    }

    /**
     * One cache.
     *
     * @param name          the cache's name
     * @param activeObjects objects in use
     * @param objects       objects allocated, in use or not
     * @param objectSize    bytes per object
     * @param objectsPerSlab objects a slab holds
     * @param pagesPerSlab  pages a slab takes
     */
    public record Slab(String name, long activeObjects, long objects, long objectSize, long objectsPerSlab,
                       long pagesPerSlab) {
    }

    public static List<Slab> read(ProcFile file, Path procRoot) throws IOException {
        file.readWhole(procRoot.resolve("slabinfo"));
        return parse(file.buffer(), file.length());
    }

    public static List<Slab> parse(byte[] b, int len) throws IOException {
        len = Math.min(len, b.length);
        List<Slab> slabs = new ArrayList<>();
        long[] numbers = new long[16];
        int pos = 0;
        while (pos < len) {
            int eol = pos;
            while (eol < len && b[eol] != '\n') {
                eol++;
            }
            if (AsciiCursor.indexOf(b, pos, eol, VERSION) < 0 && AsciiCursor.indexOf(b, pos, eol, HEADER) < 0) {
                slabs.add(slab(b, pos, eol, numbers));
            }
            pos = eol + 1;
        }
        return slabs;
    }

    private static Slab slab(byte[] b, int from, int to, long[] numbers) throws IOException {
        // upstream squeezes every run of blanks into one space and splits at spaces: a line with
        // leading or trailing blanks has an empty first or last field, so it is not 16 fields
        int field = 0;
        int nameEnd = -1;
        int p = from;
        int tokenStart = p;
        while (true) {
            boolean end = p == to;
            if (end || isBlank(b[p])) {
                if (field < 16) {
                    if (field == 0) {
                        nameEnd = p;
                    } else if (isNumberField(field)) {
                        numbers[field] = number(b, tokenStart, p, from, to);
                    }
                }
                field++;
                if (end) {
                    break;
                }
                while (p < to && isBlank(b[p])) {
                    p++;
                }
                tokenStart = p;
                continue;
            }
            p++;
        }
        if (field != 16) {
            throw new IOException("unable to read /proc/slabinfo line: " + text(b, from, to));
        }
        return new Slab(new String(b, from, nameEnd - from, StandardCharsets.UTF_8), numbers[1], numbers[2],
                numbers[3], numbers[4], numbers[5]);
    }

    private static boolean isNumberField(int field) {
        for (int n : NUMBERS) {
            if (n == field) {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code strconv.ParseInt(s, 10, 64)}. */
    private static long number(byte[] b, int from, int to, int lineFrom, int lineTo) throws IOException {
        AsciiCursor c = new AsciiCursor(b, from, to);
        long v;
        if (from < to && b[from] == '+') {
            c.pos++;
            v = c.u64();
        } else {
            v = c.s64();
        }
        if (c.bad || !c.atEnd()) {
            throw new IOException("invalid number in /proc/slabinfo line: " + text(b, lineFrom, lineTo));
        }
        return v;
    }

    /** RE2's {@code \s}. */
    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n';
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, Math.min(to - from, 200), StandardCharsets.UTF_8);
    }
}
