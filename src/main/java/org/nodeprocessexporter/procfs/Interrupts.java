package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/interrupts}, read as node_exporter 1.12 reads it. The header names one column per
 * CPU. Each line is split at its first colon: the name before it (leading spaces off), then the
 * blank-separated fields after it, of which the first one per CPU are the counts. A line with no
 * field beyond the counts ({@code ERR}, {@code MIS}: one count for the whole machine) or without a
 * colon is skipped. For a numbered interrupt the next field is its {@code info} (the controller)
 * and the rest its {@code devices}; for a named one ({@code NMI}, {@code LOC}, ...) all the rest is
 * {@code info}. A name seen twice keeps its last line.
 *
 * <p>Read a few pages at a time: on a host with hundreds of CPUs the file is megabytes of columns.
 * A count that is not a number does not fail the file: the interrupt carries it as {@link
 * Interrupt#badValue}, since upstream parses the counts only of the interrupts its filter keeps.
 */
public final class Interrupts {
    private Interrupts() {
    }

    /**
     * One line.
     *
     * @param name     the name before the colon ({@code 24}, {@code NMI})
     * @param info     the controller of a numbered interrupt, the description of a named one
     * @param devices  the rest of a numbered interrupt's line, "" for a named one
     * @param counts   per CPU, in column order
     * @param badValue the first count that is not a number, null when all are
     */
    public record Interrupt(String name, String info, String devices, double[] counts, String badValue) {
    }

    public static List<Interrupt> read(ProcFile file, Path procRoot) throws IOException {
        Parser parser = new Parser();
        file.readLinesWhole(procRoot.resolve("interrupts"), parser);
        return parser.result();
    }

    /** The whole file's bytes, for tests. */
    public static List<Interrupt> parse(byte[] b, int len) throws IOException {
        Parser parser = new Parser();
        len = Math.min(len, b.length);
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                parser.line(b, start, i, true);
                start = i + 1;
            }
        }
        if (start < len) {
            parser.line(b, start, len, false);
        }
        return parser.result();
    }

    private static final class Parser implements ProcFile.LineSink {
        private int cpus = -1;
        private int[] starts = new int[64];
        private int[] ends = new int[64];
        private final Map<String, Interrupt> byName = new LinkedHashMap<>();

        @Override
        public void line(byte[] b, int start, int end, boolean complete) {
            if (cpus < 0) {
                cpus = fields(b, start, end);
                return;
            }
            int colon = start;
            while (colon < end && b[colon] != ':') {
                colon++;
            }
            if (colon == end) {
                return;
            }
            int n = fields(b, colon + 1, end);
            if (n < cpus + 1) {
                return;
            }
            int nameStart = start;
            while (nameStart < colon && b[nameStart] == ' ') {
                nameStart++;
            }
            String name = new String(b, nameStart, colon - nameStart, StandardCharsets.UTF_8);
            double[] counts = new double[cpus];
            String bad = null;
            for (int i = 0; i < cpus; i++) {
                AsciiCursor c = new AsciiCursor(b, starts[i], ends[i]);
                long v = c.u64();
                if (c.bad || !c.atEnd()) {
                    if (bad == null) {
                        bad = new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
                    }
                } else {
                    counts[i] = v;
                }
            }
            String info;
            String devices;
            if (isInteger(name)) {
                info = join(b, cpus, cpus + 1);
                devices = join(b, cpus + 1, n);
            } else {
                info = join(b, cpus, n);
                devices = "";
            }
            byName.remove(name); // a name seen again takes its place in file order
            byName.put(name, new Interrupt(name, info, devices, counts, bad));
        }

        List<Interrupt> result() throws IOException {
            if (cpus < 0) {
                throw new IOException("interrupts empty");
            }
            return new ArrayList<>(byName.values());
        }

        /** Splits {@code b[from, to)} at blanks into {@link #starts}/{@link #ends}; the number of fields. */
        private int fields(byte[] b, int from, int to) {
            int n = 0;
            int p = from;
            while (true) {
                while (p < to && blank(b[p])) {
                    p++;
                }
                if (p == to) {
                    return n;
                }
                int s = p;
                while (p < to && !blank(b[p])) {
                    p++;
                }
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                    ends = java.util.Arrays.copyOf(ends, n * 2);
                }
                starts[n] = s;
                ends[n] = p;
                n++;
            }
        }

        /** Fields {@code [first, last)} joined by single spaces, as Go's {@code strings.Join}. */
        private String join(byte[] b, int first, int last) {
            if (first >= last) {
                return "";
            }
            if (last - first == 1) {
                return new String(b, starts[first], ends[first] - starts[first], StandardCharsets.UTF_8);
            }
            StringBuilder sb = new StringBuilder();
            for (int i = first; i < last; i++) {
                if (i > first) {
                    sb.append(' ');
                }
                sb.append(new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8));
            }
            return sb.toString();
        }
    }

    /** Go's {@code strconv.Atoi} succeeds: an optional sign and decimal digits within 64 bits. */
    static boolean isInteger(String s) {
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        if (i == s.length() || s.length() - i > 19) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Go's {@code unicode.IsSpace} for single bytes. */
    static boolean blank(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
