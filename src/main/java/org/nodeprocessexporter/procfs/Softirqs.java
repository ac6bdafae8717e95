package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/softirqs}, read as prometheus/procfs reads it: after the header of CPU columns, a
 * line per softirq vector ({@code TIMER:    11368    12369}); only the ten vectors of {@link
 * #TYPES} are kept (others, and lines of fewer than two fields, are skipped), and their counts must
 * be unsigned integers. A vector seen twice keeps its last line.
 */
public final class Softirqs {
    /** The vectors kept, in the order the kernel prints them. */
    public static final List<String> TYPES = List.of("HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL",
            "TASKLET", "SCHED", "HRTIMER", "RCU");

    private Softirqs() {
    }

    /** The per-CPU counts of each vector of {@link #TYPES} the file has. */
    public static Map<String, double[]> read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("softirqs")));
    }

    public static Map<String, double[]> parse(String text) throws IOException {
        List<String> lines = Fields.lines(text);
        if (lines.isEmpty()) {
            throw new IOException("softirqs empty");
        }
        Map<String, double[]> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = Fields.split(line);
            if (f.length < 2 || !f[0].endsWith(":")) {
                continue;
            }
            String type = f[0].substring(0, f[0].length() - 1);
            if (!TYPES.contains(type)) {
                continue;
            }
            double[] counts = new double[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                try {
                    counts[i - 1] = Fields.unsignedToDouble(Long.parseUnsignedLong(f[i]));
                } catch (NumberFormatException e) {
                    throw new IOException("couldn't parse " + f[i] + " (" + type + (i - 1) + ") in /proc/softirqs", e);
                }
            }
            out.put(type, counts);
        }
        return out;
    }
}
