package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/net/xfrm_stat} (Documentation/networking/xfrm_proc.rst): one {@code Name value} line
 * per IPsec counter. As prometheus/procfs: every line must be exactly a name and a decimal integer,
 * or the whole file is malformed; names the caller does not ask for are ignored and names the
 * kernel does not print read as 0.
 */
public final class XfrmStat {
    private final Map<String, Long> counters;

    private XfrmStat(Map<String, Long> counters) {
        this.counters = counters;
    }

    public static XfrmStat read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("net/xfrm_stat")));
    }

    public static XfrmStat parse(String text) throws IOException {
        Map<String, Long> counters = new LinkedHashMap<>();
        List<String> lines = Fields.lines(text);
        for (String line : lines) {
            String[] f = Fields.split(line);
            if (f.length != 2) {
                throw new IOException("malformed /proc/net/xfrm_stat line: " + line);
            }
            try {
                counters.put(f[0], GoNumbers.parseInt(f[1], 10, 64));
            } catch (NumberFormatException e) {
                throw new IOException("not an integer in /proc/net/xfrm_stat line: " + line, e);
            }
        }
        return new XfrmStat(counters);
    }

    /** The counter, 0 when the file does not have it. */
    public long get(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public Map<String, Long> counters() {
        return counters;
    }
}
