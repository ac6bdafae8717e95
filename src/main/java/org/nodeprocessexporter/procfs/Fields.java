package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whitespace splitting and number parsing for the line-oriented /proc tables, without regular
 * expressions: these run over every line of files read every scrape.
 */
public final class Fields {
    private Fields() {
    }

    /** The whitespace-separated fields of {@code line}, as Go's {@code strings.Fields}. */
    public static String[] split(String line) {
        String[] out = new String[8];
        int count = 0;
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && blank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !blank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (count == out.length) {
                    out = java.util.Arrays.copyOf(out, count * 2);
                }
                out[count++] = line.substring(start, i);
            }
        }
        return count == out.length ? out : java.util.Arrays.copyOf(out, count);
    }

    /** {@link Character#isWhitespace}, asked only of the characters that can be one (all but one above a space are not). */
    private static boolean blank(char c) {
        return (c <= ' ' || c >= 0x80) && Character.isWhitespace(c);
    }

    /** The lines of {@code text}, without the line terminators; a trailing newline adds no line. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                nl = n;
            }
            out.add(text.substring(start, nl));
            start = nl + 1;
        }
        return out;
    }

    /** A file holding one decimal number, such as {@code /proc/sys/fs/file-max}. */
    public static double readNumber(java.nio.file.Path file) throws IOException {
        return number(ProcFile.readString(file).trim(), file.toString());
    }

    /** A decimal number as Go's {@code strconv.ParseFloat} would take it; the error names the file. */
    public static double number(String value, String file) throws IOException {
        // most values are plain counters: up to 18 digits are exact in a long, and a long's
        // conversion rounds to the nearest double as parseDouble does
        int n = value.length();
        if (n > 0 && n <= 18) {
            long v = 0;
            int i = 0;
            for (; i < n; i++) {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
            }
            if (i == n) {
                return v;
            }
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IOException("invalid number " + value + " in " + file, e);
        }
    }

    /** The unsigned 64-bit value as the nearest double, as Go's {@code float64(uint64)}. */
    public static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // Halve with the lost bit kept as a sticky bit, so the rounding to double stays correct.
        return ((v >>> 1) | (v & 1)) * 2.0;
    }
}
