package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Loadavg;

/** node_exporter's {@code loadavg}: the kernel's load averages. */
public final class LoadavgCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("loadavg", true, LoadavgCollector::new);

    private final CollectorContext ctx;

    private LoadavgCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Loadavg load = Loadavg.read(ctx.procfs());
        sink.gauge("node_load1", "1m load average.", load.load1());
        sink.gauge("node_load5", "5m load average.", load.load5());
        sink.gauge("node_load15", "15m load average.", load.load15());
    }
}
