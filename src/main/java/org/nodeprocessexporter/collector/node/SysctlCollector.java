package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.SysctlValue;

/**
 * node_exporter's {@code sysctl}: the sysctls named by {@code --collector.sysctl.include} as untyped
 * numbers ({@code node_sysctl_<name>}; several values get an {@code index} label, or one metric
 * each with {@code name:key1,key2,...}) and by {@code --collector.sysctl.include-info} as
 * {@code node_sysctl_info{name,value,index}}. Values are read as upstream reads them: the first 128
 * bytes of the file, split on whitespace, integers in Go's base-0 syntax. Any sysctl that is
 * missing, has no value, does not parse or does not match its keys fails the scrape, as upstream.
 */
public final class SysctlCollector implements Collector {
    static final String INCLUDE = "collector.sysctl.include";
    static final String INCLUDE_INFO = "collector.sysctl.include-info";

    public static final CollectorSpec SPEC = CollectorSpec.of("sysctl", false, SysctlCollector::new,
            Flag.strings(INCLUDE, "", "Select sysctl metrics to include"),
            Flag.strings(INCLUDE_INFO, "", "Select sysctl metrics to include as info metrics"));

    /** One flag value: the sysctl, whether it is numeric, and the names of its fields if mapped. */
    private record Sysctl(String name, boolean numeric, List<String> keys, String metric) {
        static Sysctl of(String include, boolean numeric) {
            int colon = include.indexOf(':');
            String name = colon < 0 ? include : include.substring(0, colon);
            List<String> keys = colon < 0 ? List.of() : Arrays.asList(include.substring(colon + 1).split(",", -1));
            return new Sysctl(name, numeric, keys, "node_sysctl_" + MetricNames.sanitize(name));
        }
    }

    private final CollectorContext ctx;
    private final List<Sysctl> sysctls = new ArrayList<>();

    private SysctlCollector(CollectorContext ctx) {
        this.ctx = ctx;
        for (String include : ctx.flags().strings(INCLUDE)) {
            sysctls.add(Sysctl.of(include, true));
        }
        for (String include : ctx.flags().strings(INCLUDE_INFO)) {
            sysctls.add(Sysctl.of(include, false));
        }
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (Sysctl s : sysctls) {
            if (s.numeric()) {
                numeric(sink, s, SysctlValue.integers(ctx.procfs(), s.name()));
            } else {
                info(sink, s, SysctlValue.strings(ctx.procfs(), s.name()));
            }
        }
    }

    private static void numeric(MetricSink sink, Sysctl s, long[] values) throws IOException {
        checkCount(s, values.length);
        if (values.length == 1) {
            sink.untyped(s.metric(), "sysctl " + s.name()).add(values[0]);
        } else if (s.keys().isEmpty()) {
            MetricFamily f = sink.untyped(s.metric(), "sysctl " + s.name(), "index");
            for (int i = 0; i < values.length; i++) {
                f.add(values[i], Integer.toString(i));
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                sink.untyped(s.metric() + "_" + s.keys().get(i), "sysctl " + s.name() + ", field " + i).add(values[i]);
            }
        }
    }

    private static void info(MetricSink sink, Sysctl s, String[] values) throws IOException {
        checkCount(s, values.length);
        if (values.length > 1 && !s.keys().isEmpty()) {
            throw new IOException("mapped sysctl string values not supported");
        }
        MetricFamily f = sink.gauge("node_sysctl_info", "sysctl info", "name", "value", "index");
        for (int i = 0; i < values.length; i++) {
            f.add(1, s.name(), values[i], Integer.toString(i));
        }
    }

    /** Upstream's checks, with its messages (the "f lag" typo included). */
    private static void checkCount(Sysctl s, int length) throws IOException {
        if (length == 0) {
            throw new IOException("sysctl " + s.name() + " has no values");
        }
        if (length == 1 && !s.keys().isEmpty()) {
            throw new IOException("sysctl " + s.name() + " has only one value, but expected " + goList(s.keys()));
        }
        if (length > 1 && !s.keys().isEmpty() && length != s.keys().size()) {
            throw new IOException("sysctl " + s.name() + " has " + length + " keys but only " + s.keys().size()
                    + " defined in f lag");
        }
    }

    /** A string slice as Go's {@code %v} prints it. */
    private static String goList(List<String> keys) {
        return "[" + String.join(" ", keys) + "]";
    }
}
