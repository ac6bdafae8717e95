package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.NetStatCaches;
import org.nodeprocessexporter.sysfs.SysfsFiles;

/**
 * node_exporter's {@code lnstat}: every column of every table in {@code /proc/net/stat/} as a
 * counter {@code node_lnstat_<column>_total{subsystem=<file>,cpu=<line>}}, gauges such as
 * {@code entries} included, as upstream. No directory: a successful scrape with no series.
 */
public final class LnstatCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("lnstat", false, LnstatCollector::new);

    private final CollectorContext ctx;
    /** The cpu label values, made once. */
    private String[] cpus = new String[0];

    private LnstatCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (NetStatCaches.Table table : NetStatCaches.read(ctx.procfs())) {
            for (Map.Entry<String, long[]> column : table.columns().entrySet()) {
                MetricFamily family = sink.counter("node_lnstat_" + column.getKey() + "_total",
                        "linux network cache stats", "subsystem", "cpu");
                long[] values = column.getValue();
                for (int cpu = 0; cpu < values.length; cpu++) {
                    family.add(SysfsFiles.unsignedToDouble(values[cpu]), table.name(), cpu(cpu));
                }
            }
        }
    }

    private String cpu(int n) {
        if (n >= cpus.length) {
            String[] more = java.util.Arrays.copyOf(cpus, n + 1);
            for (int i = cpus.length; i < more.length; i++) {
                more[i] = Integer.toString(i);
            }
            cpus = more;
        }
        return cpus[n];
    }
}
