package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.BuddyInfo;

/**
 * node_exporter's {@code buddyinfo} (off by default): the free blocks of each order per node and
 * zone, from {@code /proc/buddyinfo}; {@code size} is the order (blocks of 2^size pages).
 */
public final class BuddyinfoCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("buddyinfo", false, BuddyinfoCollector::new);

    private final CollectorContext ctx;

    private BuddyinfoCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        BuddyInfo info = BuddyInfo.read(ctx.procfs());
        MetricFamily blocks = sink.gauge("node_buddyinfo_blocks", "Count of free blocks according to size.",
                "node", "zone", "size");
        for (BuddyInfo.Zone z : info.zones()) {
            double[] free = z.free();
            for (int order = 0; order < free.length; order++) {
                blocks.add(free[order], z.node(), z.zone(), IndexLabels.of(order));
            }
        }
    }
}
