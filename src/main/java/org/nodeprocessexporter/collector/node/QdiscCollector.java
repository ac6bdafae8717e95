package org.nodeprocessexporter.collector.node;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sys.netlink.NetlinkSocket;
import org.nodeprocessexporter.sys.netlink.RtNetlink;

/**
 * node_exporter's {@code qdisc}: the statistics of every root queueing discipline, from an
 * rtnetlink RTM_GETQDISC dump of the exporter's network namespace (TCA_STATS2's basic and queue
 * blocks, then the legacy TCA_STATS, as ema/qdisc reads them), named through an RTM_GETLINK dump.
 * With {@code --collector.qdisc.fixtures=DIR} it reads upstream's test fixture
 * {@code DIR/results.json} (ema/qdisc's QdiscInfo list) instead.
 *
 * <p>Differs from upstream in one edge: a qdisc whose interface has gone between the two dumps is
 * skipped (upstream fails the whole collector on the failed name lookup).
 */
public final class QdiscCollector implements Collector {
    static final String FIXTURES = "collector.qdisc.fixtures";
    static final String INCLUDE = "collector.qdisc.device-include";
    static final String EXCLUDE = "collector.qdisc.device-exclude";

    public static final CollectorSpec SPEC = CollectorSpec.of("qdisc", false, QdiscCollector::new,
            Flag.string(FIXTURES, "", "test fixtures to use for qdisc collector end-to-end testing"),
            Flag.regexp(INCLUDE, "", "Regexp of qdisc devices to include (mutually exclusive to device-exclude).")
                    .withAliases("collector.qdisk.device-include"),
            Flag.regexp(EXCLUDE, "", "Regexp of qdisc devices to exclude (mutually exclusive to device-include).")
                    .withAliases("collector.qdisk.device-exclude"));

    /** What the collector reports of one qdisc. */
    record Info(String device, String kind, long parent, long bytes, long packets, long drops, long requeues,
                long overlimits, long qlen, long backlog) {
    }

    private final String fixtures;
    private final DeviceFilter filter;
    private Memory buffer;

    private QdiscCollector(CollectorContext ctx) throws Exception {
        this.fixtures = ctx.flags().string(FIXTURES);
        this.filter = DeviceFilter.fromFlags(ctx, EXCLUDE, INCLUDE);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<Info> qdiscs = fixtures.isEmpty() ? live() : fromFixtures(Path.of(fixtures, "results.json"));
        for (Info q : qdiscs) {
            if (q.parent() != 0 || filter.ignored(q.device())) {
                continue;
            }
            String[] l = {q.device(), q.kind()};
            sink.counter("node_qdisc_bytes_total", "Number of bytes sent.", "device", "kind").add(u(q.bytes()), l);
            sink.counter("node_qdisc_packets_total", "Number of packets sent.", "device", "kind").add(u(q.packets()), l);
            sink.counter("node_qdisc_drops_total", "Number of packets dropped.", "device", "kind").add(u(q.drops()), l);
            sink.counter("node_qdisc_requeues_total", "Number of packets dequeued, not transmitted, and requeued.",
                    "device", "kind").add(u(q.requeues()), l);
            sink.counter("node_qdisc_overlimits_total", "Number of overlimit packets.", "device", "kind")
                    .add(u(q.overlimits()), l);
            sink.gauge("node_qdisc_current_queue_length", "Number of packets currently in queue to be sent.",
                    "device", "kind").add(u(q.qlen()), l);
            sink.gauge("node_qdisc_backlog", "Number of bytes currently in queue to be sent.", "device", "kind")
                    .add(u(q.backlog()), l);
        }
    }

    private List<Info> live() throws IOException {
        if (buffer == null) {
            buffer = NetlinkSocket.newBuffer();
        }
        List<RtNetlink.Qdisc> raw;
        Map<Integer, String> names;
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, buffer)) {
            raw = RtNetlink.qdiscs(s);
            names = RtNetlink.links(s);
        }
        List<Info> out = new ArrayList<>(raw.size());
        for (RtNetlink.Qdisc q : raw) {
            String name = names.get(q.ifindex());
            if (name == null) {
                Log.debug("qdisc of an interface that is gone", "ifindex", q.ifindex());
                continue;
            }
            out.add(new Info(name, q.kind(), q.parent(), q.bytes(), q.packets(), q.drops(), q.requeues(),
                    q.overlimits(), q.qlen(), q.backlog()));
        }
        return out;
    }

    static List<Info> fromFixtures(Path results) throws IOException {
        List<Info> out = new ArrayList<>();
        for (Map<String, Object> o : FixtureJson.objects(FixtureJson.read(results), results)) {
            out.add(new Info(FixtureJson.string(o, "IfaceName"), FixtureJson.string(o, "Kind"),
                    FixtureJson.number(o, "Parent"), FixtureJson.number(o, "Bytes"), FixtureJson.number(o, "Packets"),
                    FixtureJson.number(o, "Drops"), FixtureJson.number(o, "Requeues"),
                    FixtureJson.number(o, "Overlimits"), FixtureJson.number(o, "Qlen"),
                    FixtureJson.number(o, "Backlog")));
        }
        return out;
    }

    /** An unsigned 64-bit counter as a double. */
    static double u(long v) {
        return v >= 0 ? v : v + 0x1p64;
    }
}
