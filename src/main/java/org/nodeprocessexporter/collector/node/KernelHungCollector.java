package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Fields;

/**
 * node_exporter's {@code kernel_hung} (disabled by default upstream): the kernel's count of hung
 * tasks detected since boot, {@code /proc/sys/kernel/hung_task_detect_count} (Linux 6.7+).
 *
 * <p>Upstream declares it a counter without the {@code _total} suffix, which the Prometheus Java
 * client cannot write under that name; it is written untyped under upstream's exact name so that
 * queries keep working. The help text is upstream's, copied from node_intr_total by mistake there.
 */
public final class KernelHungCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("kernel_hung", false, KernelHungCollector::new);

    private final CollectorContext ctx;

    private KernelHungCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        double count = Fields.readNumber(ctx.proc("sys", "kernel", "hung_task_detect_count"));
        sink.untyped("node_kernel_hung_task_detect_count", "Total number of interrupts serviced.").add(count);
    }
}
