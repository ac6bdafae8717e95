package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Meminfo;

/** node_exporter's {@code meminfo}: one gauge per {@code /proc/meminfo} line. */
public final class MeminfoCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("meminfo", true, MeminfoCollector::new);

    private final CollectorContext ctx;

    private MeminfoCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Meminfo info = Meminfo.read(ctx.procfs());
        for (Map.Entry<String, Double> e : info.bytes().entrySet()) {
            sink.gauge("node_memory_" + e.getKey() + "_bytes",
                    "Memory information field " + e.getKey() + "_bytes.", e.getValue());
        }
        for (Map.Entry<String, Double> e : info.counts().entrySet()) {
            sink.gauge("node_memory_" + e.getKey(), "Memory information field " + e.getKey() + ".", e.getValue());
        }
    }
}
