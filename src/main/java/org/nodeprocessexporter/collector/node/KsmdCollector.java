package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.Ksm;

/**
 * node_exporter's {@code ksmd} (off by default): the kernel samepage merging daemon's settings and
 * page counts from {@code /sys/kernel/mm/ksm}; {@code full_scans} is a counter, {@code
 * sleep_millisecs} is exported in seconds, the rest as gauges named after their file.
 */
public final class KsmdCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("ksmd", false, KsmdCollector::new);

    private final CollectorContext ctx;

    private KsmdCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        emit(sink, Ksm.read(ctx.sysfs()));
    }

    private static void emit(MetricSink sink, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String file = e.getKey();
            String help = "ksmd '" + file + "' file.";
            switch (file) {
                case "full_scans" -> sink.counter("node_ksmd_full_scans_total", help, e.getValue());
                case "sleep_millisecs" -> sink.gauge("node_ksmd_sleep_seconds", help, e.getValue() / 1000);
                default -> sink.gauge("node_ksmd_" + file, help, e.getValue());
            }
        }
    }
}
