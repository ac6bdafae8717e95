package org.nodeprocessexporter.collector.node;

import java.nio.file.NoSuchFileException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.NetUdpQueues;

/** node_exporter's {@code udp_queues}: UDP socket queue bytes summed per IP version. */
public final class UdpQueuesCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("udp_queues", true, UdpQueuesCollector::new);

    private final CollectorContext ctx;

    private UdpQueuesCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        MetricFamily f = sink.gauge("node_udp_queues",
                "Number of allocated memory in the kernel for UDP datagrams in bytes.", "ip", "queue");
        boolean any = false;
        for (String[] v : new String[][] {{"udp", "v4"}, {"udp6", "v6"}}) {
            NetUdpQueues q;
            try {
                q = NetUdpQueues.read(ctx.proc("net", v[0]));
            } catch (NoSuchFileException e) {
                continue;
            }
            f.add(q.txQueue(), v[1], "tx");
            f.add(q.rxQueue(), v[1], "rx");
            any = true;
        }
        if (!any) {
            throw new NoDataException("no /proc/net/udp or udp6");
        }
    }
}
