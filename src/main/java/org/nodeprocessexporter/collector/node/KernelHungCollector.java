package org.nodeprocessexporter.collector.node;

import java.nio.file.NoSuchFileException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.Fields;

/**
 * node_exporter's {@code kernel_hung} (enabled by default since 1.11): the kernel's count of hung
 * tasks detected since boot, {@code /proc/sys/kernel/hung_task_detect_count} (Linux 6.7+). A kernel
 * without it (no CONFIG_DETECT_HUNG_TASK, or older) is no data, as in upstream 1.11.1.
 */
public final class KernelHungCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("kernel_hung", true, KernelHungCollector::new);

    private final CollectorContext ctx;

    private KernelHungCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        double count;
        try {
            count = Fields.readNumber(ctx.proc("sys", "kernel", "hung_task_detect_count"));
        } catch (NoSuchFileException e) {
            throw new NoDataException("hung_task_detect_count does not exist");
        }
        sink.counter("node_kernel_hung_tasks_total",
                "Total number of tasks that have been detected as hung since the system booted.", count);
    }
}
