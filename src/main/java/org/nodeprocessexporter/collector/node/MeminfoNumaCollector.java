package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.NumaNodes;

/**
 * node_exporter's {@code meminfo_numa} (off by default): every field of each NUMA node's {@code
 * meminfo} under {@code /sys/devices/system/node/node<N>} as a gauge {@code node_memory_numa_<field>}
 * (in bytes where the kernel gives kB, without a {@code _bytes} suffix, as upstream), and each line
 * of its {@code numastat} as a counter {@code node_memory_numa_<field>_total}. A host without that
 * directory (a kernel without NUMA) succeeds with no series, as upstream.
 */
public final class MeminfoNumaCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("meminfo_numa", false, MeminfoNumaCollector::new);

    private final CollectorContext ctx;

    private MeminfoNumaCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (NumaNodes.Value v : NumaNodes.read(ctx.sysfs())) {
            if (v.counter()) {
                String name = v.field() + "_total";
                sink.counter("node_memory_numa_" + name, "Memory information field " + name + ".", "node")
                        .add(v.value(), v.node());
            } else {
                sink.gauge("node_memory_numa_" + v.field(), "Memory information field " + v.field() + ".", "node")
                        .add(v.value(), v.node());
            }
        }
    }
}
