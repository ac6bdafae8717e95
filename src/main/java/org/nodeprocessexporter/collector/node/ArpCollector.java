package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.NetArp;

/**
 * node_exporter's {@code arp}: neighbour entries per device from {@code /proc/net/arp} (upstream's
 * {@code --collector.arp.netlink=false} path; the flag is accepted and ignored).
 */
public final class ArpCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("arp", true, ArpCollector::create,
            Flag.regexp("collector.arp.device-include", "",
                    "Regexp of arp devices to include (mutually exclusive to device-exclude)."),
            Flag.regexp("collector.arp.device-exclude", "",
                    "Regexp of arp devices to exclude (mutually exclusive to device-include)."),
            Flag.bool("collector.arp.netlink", true, "Use netlink to gather stats instead of /proc/net/arp."));

    private final CollectorContext ctx;
    private final DeviceFilter filter;

    private ArpCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.filter = new DeviceFilter(ctx.flags().regexp("collector.arp.device-exclude"),
                ctx.flags().regexp("collector.arp.device-include"));
    }

    private static ArpCollector create(CollectorContext ctx) throws Exception {
        ctx.requireNotBoth("collector.arp.device-include", "collector.arp.device-exclude");
        return new ArpCollector(ctx);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        MetricFamily f = sink.gauge("node_arp_entries", "ARP entries by device", "device");
        for (Map.Entry<String, Integer> e : NetArp.entriesByDevice(ctx.procfs()).entrySet()) {
            if (!filter.ignored(e.getKey())) {
                f.add(e.getValue(), e.getKey());
            }
        }
    }
}
