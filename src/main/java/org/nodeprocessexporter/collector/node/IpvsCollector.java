package org.nodeprocessexporter.collector.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.Ipvs;

/**
 * node_exporter's {@code ipvs}: IP Virtual Server totals from {@code /proc/net/ip_vs_stats} and,
 * per backend, its connections and weight from {@code /proc/net/ip_vs}, summed over the backends
 * that share the chosen labels. Without IPVS in the kernel the files are missing and the
 * collector reports no data.
 */
public final class IpvsCollector implements Collector {
    static final String LABELS_FLAG = "collector.ipvs.backend-labels";
    private static final List<String> ALL_LABELS =
            List.of("local_address", "local_port", "remote_address", "remote_port", "proto", "local_mark");

    public static final CollectorSpec SPEC = CollectorSpec.of("ipvs", true, IpvsCollector::create,
            Flag.string(LABELS_FLAG, String.join(",", ALL_LABELS),
                    "Comma separated list for IPVS backend stats labels."));

    private final CollectorContext ctx;
    /** Indexes into {@link #ALL_LABELS} of the labels in use, in upstream's fixed order. */
    private final int[] labels;
    private final String[] labelNames;

    private IpvsCollector(CollectorContext ctx, int[] labels) {
        this.ctx = ctx;
        this.labels = labels;
        this.labelNames = Arrays.stream(labels).mapToObj(ALL_LABELS::get).toArray(String[]::new);
    }

    private static Collector create(CollectorContext ctx) throws UsageException {
        return new IpvsCollector(ctx, parseLabels(ctx.flags().string(LABELS_FLAG)));
    }

    static int[] parseLabels(String value) throws UsageException {
        TreeSet<String> given = new TreeSet<>();
        for (String l : value.split(",", -1)) {
            if (!l.isEmpty()) {
                given.add(l);
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ALL_LABELS.size(); i++) {
            if (given.remove(ALL_LABELS.get(i))) {
                out.add(i);
            }
        }
        if (!given.isEmpty()) {
            throw new UsageException("--" + LABELS_FLAG + ": unknown IPVS backend labels: \""
                    + String.join(", ", given) + "\"");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.proc("net", "ip_vs_stats"));
        Ipvs.Stats s = Ipvs.readStats(ctx.procfs());
        sink.counter("node_ipvs_connections_total", "The total number of connections made.", s.connections());
        sink.counter("node_ipvs_incoming_packets_total", "The total number of incoming packets.", s.incomingPackets());
        sink.counter("node_ipvs_outgoing_packets_total", "The total number of outgoing packets.", s.outgoingPackets());
        sink.counter("node_ipvs_incoming_bytes_total", "The total amount of incoming data.", s.incomingBytes());
        sink.counter("node_ipvs_outgoing_bytes_total", "The total amount of outgoing data.", s.outgoingBytes());

        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        for (Ipvs.Backend b : Ipvs.readBackends(ctx.procfs())) {
            List<String> key = new ArrayList<>(labels.length);
            for (int l : labels) {
                key.add(switch (l) {
                    case 0 -> b.localAddress();
                    case 1 -> Integer.toString(b.localPort());
                    case 2 -> b.remoteAddress();
                    case 3 -> Integer.toString(b.remotePort());
                    case 4 -> b.proto();
                    default -> b.localMark();
                });
            }
            long[] sum = sums.computeIfAbsent(key, k -> new long[3]);
            sum[0] += b.activeConn();
            sum[1] += b.inactConn();
            sum[2] += b.weight();
        }
        MetricFamily active = sink.gauge("node_ipvs_backend_connections_active",
                "The current active connections by local and remote address.", labelNames);
        MetricFamily inactive = sink.gauge("node_ipvs_backend_connections_inactive",
                "The current inactive connections by local and remote address.", labelNames);
        MetricFamily weight = sink.gauge("node_ipvs_backend_weight",
                "The current backend weight by local and remote address.", labelNames);
        for (Map.Entry<List<String>, long[]> e : sums.entrySet()) {
            String[] kv = e.getKey().toArray(new String[0]);
            active.add(e.getValue()[0], kv);
            inactive.add(e.getValue()[1], kv);
            weight.add(e.getValue()[2], kv);
        }
    }
}
