package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /proc/net/rpc/nfs} (client) and {@code /proc/net/rpc/nfsd} (server): one line per
 * category ({@code net}, {@code rpc}, {@code proc3}, {@code proc4ops}, ...) of unsigned counters.
 * The {@code procN} lines start with the number of values that follow; the server's {@code th}
 * line ends in fractional histogram values, of which only the leading integers are kept.
 *
 * @param lines category to its integer values, in file order
 */
public record NfsRpcStats(Map<String, long[]> lines) {

    public static NfsRpcStats read(Path file) throws IOException {
        return parse(ProcFile.readString(file), file.toString());
    }

    public static NfsRpcStats parse(String text, String file) throws IOException {
        Map<String, long[]> lines = new LinkedHashMap<>();
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length == 0) {
                continue;
            }
            long[] values = new long[f.length - 1];
            int n = 0;
            for (int i = 1; i < f.length && f[i].indexOf('.') < 0; i++) {
                try {
                    values[n++] = Long.parseUnsignedLong(f[i]);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed " + file + " line: " + line);
                }
            }
            values = java.util.Arrays.copyOf(values, n);
            if (f[0].startsWith("proc") && (n == 0 || values[0] != n - 1)) {
                throw new IOException("invalid " + f[0] + " line in " + file + ": " + line);
            }
            lines.put(f[0], values);
        }
        return new NfsRpcStats(lines);
    }

    /** Value {@code i} of the line, 0 when the line is missing or shorter (older kernels). */
    public long value(String line, int i) {
        long[] v = lines.get(line);
        return v == null || i >= v.length ? 0 : v[i];
    }

    /** Value {@code i} (0-based) after the count of a {@code procN} line, 0 when absent. */
    public long procValue(String line, int i) {
        return value(line, i + 1);
    }
}
