package org.nodeprocessexporter.collector.node;

import java.util.List;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Swaps;

/**
 * node_exporter's {@code swap} (off by default; newer than node_exporter 1.5): size, use and
 * priority of each swap area of {@code /proc/swaps}, labelled with its file name as the kernel
 * prints it and its type. No swap area: success with no series.
 */
public final class SwapCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("swap", false, SwapCollector::new);

    private static final String[] LABELS = {"device", "swap_type"};

    private final CollectorContext ctx;

    private SwapCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<Swaps.Swap> swaps = Swaps.read(ctx.procfs());
        if (!swaps.isEmpty()) {
            emit(sink, swaps);
        }
    }

    private static void emit(MetricSink sink, List<Swaps.Swap> swaps) {
        MetricFamily size = sink.gauge("node_swap_size_bytes", "Swap device size in bytes.", LABELS);
        MetricFamily used = sink.gauge("node_swap_used_bytes", "Swap device used in bytes.", LABELS);
        MetricFamily priority = sink.gauge("node_swap_priority", "Swap device priority.", LABELS);
        for (Swaps.Swap s : swaps) {
            size.add(s.sizeKiB() * 1024.0, s.filename(), s.type());
            used.add(s.usedKiB() * 1024.0, s.filename(), s.type());
            priority.add(s.priority(), s.filename(), s.type());
        }
    }
}
