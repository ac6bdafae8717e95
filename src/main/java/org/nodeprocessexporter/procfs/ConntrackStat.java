package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/net/stat/nf_conntrack}: a header naming the columns, then one line of hexadecimal
 * counters per CPU. Returned as column name to the sum over all CPUs, so that columns added or
 * dropped by other kernel versions are simply present or absent.
 */
public final class ConntrackStat {
    private ConntrackStat() {
    }

    public static Map<String, Double> read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("net/stat/nf_conntrack")));
    }

    public static Map<String, Double> parse(String text) throws IOException {
        List<String> lines = Fields.lines(text);
        if (lines.isEmpty()) {
            throw new IOException("empty /proc/net/stat/nf_conntrack");
        }
        String[] header = Fields.split(lines.get(0));
        Map<String, Double> sums = new HashMap<>();
        for (String name : header) {
            sums.put(name, 0.0);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = Fields.split(lines.get(i));
            if (f.length == 0) {
                continue;
            }
            if (f.length != header.length) {
                throw new IOException("field count mismatch in /proc/net/stat/nf_conntrack: " + lines.get(i));
            }
            for (int j = 0; j < f.length; j++) {
                try {
                    sums.merge(header[j], (double) Long.parseUnsignedLong(f[j], 16), Double::sum);
                } catch (NumberFormatException e) {
                    throw new IOException("invalid number " + f[j] + " in /proc/net/stat/nf_conntrack", e);
                }
            }
        }
        return sums;
    }
}
