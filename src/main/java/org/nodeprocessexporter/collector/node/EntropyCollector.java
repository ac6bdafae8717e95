package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Fields;

/** node_exporter's {@code entropy}: the kernel entropy pool from {@code /proc/sys/kernel/random}. */
public final class EntropyCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("entropy", true, EntropyCollector::new);

    private final CollectorContext ctx;

    private EntropyCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        sink.gauge("node_entropy_available_bits", "Bits of available entropy.",
                Fields.readNumber(ctx.proc("sys", "kernel", "random", "entropy_avail")));
        sink.gauge("node_entropy_pool_size_bits", "Bits of entropy pool.",
                Fields.readNumber(ctx.proc("sys", "kernel", "random", "poolsize")));
    }
}
