package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Softirqs;

/**
 * node_exporter's {@code softirqs} (off by default; newer than node_exporter 1.5): {@code
 * node_softirqs_functions_total} per softirq vector and CPU from {@code /proc/softirqs}, {@code
 * type} being the kernel's name of the vector ({@code TIMER}, {@code NET_RX}, ...) and {@code cpu}
 * its column. Not to be confused with the stat collector's {@code node_softirqs_total}.
 */
public final class SoftirqsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("softirqs", false, SoftirqsCollector::new);

    private final CollectorContext ctx;

    private SoftirqsCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Map<String, double[]> vectors = Softirqs.read(ctx.procfs());
        MetricFamily total = sink.counter("node_softirqs_functions_total", "Softirq counts per CPU.", "cpu", "type");
        for (String type : Softirqs.TYPES) {
            double[] counts = vectors.get(type);
            if (counts != null) {
                for (int cpu = 0; cpu < counts.length; cpu++) {
                    total.add(counts[cpu], IndexLabels.of(cpu), type);
                }
            }
        }
    }
}
