package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.DrbdStatus;
import org.nodeprocessexporter.procfs.Fields;

/**
 * node_exporter's {@code drbd}: the per-device counters, roles, disk states and connection state
 * of {@code /proc/drbd} (DRBD 8.x; 9 no longer writes them there). Upstream's conversions are kept,
 * including {@code nr} (network received) taken as bytes while the other KiB counters are
 * multiplied by 1024. A {@code ro:}/{@code ds:} word without its {@code /remote} half is skipped
 * with a debug line where upstream panics, and a counter that is not a number fails the scrape, as
 * upstream.
 */
public final class DrbdCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("drbd", false, DrbdCollector::new);

    private record Numerical(String name, String help, boolean counter, double multiplier) {
    }

    private record Pair(String name, String help, String okay) {
    }

    // instance fields, not static: a collector that is off builds nothing but its SPEC
    private final Map<String, Numerical> numerical = Map.ofEntries(
            Map.entry("ns", new Numerical("network_sent_bytes_total", "Total number of bytes sent via the network.",
                    true, 1024)),
            Map.entry("nr", new Numerical("network_received_bytes_total",
                    "Total number of bytes received via the network.", true, 1)),
            Map.entry("dw", new Numerical("disk_written_bytes_total", "Net data written on local hard disk; in bytes.",
                    true, 1024)),
            Map.entry("dr", new Numerical("disk_read_bytes_total", "Net data read from local hard disk; in bytes.",
                    true, 1024)),
            Map.entry("al", new Numerical("activitylog_writes_total",
                    "Number of updates of the activity log area of the meta data.", true, 1)),
            Map.entry("bm", new Numerical("bitmap_writes_total", "Number of updates of the bitmap area of the meta data.",
                    true, 1)),
            Map.entry("lo", new Numerical("local_pending", "Number of open requests to the local I/O sub-system.",
                    false, 1)),
            Map.entry("pe", new Numerical("remote_pending",
                    "Number of requests sent to the peer, but that have not yet been answered by the latter.", false, 1)),
            Map.entry("ua", new Numerical("remote_unacknowledged", "Number of requests received by the peer via the "
                    + "network connection, but that have not yet been answered.", false, 1)),
            Map.entry("ap", new Numerical("application_pending",
                    "Number of block I/O requests forwarded to DRBD, but not yet answered by DRBD.", false, 1)),
            Map.entry("ep", new Numerical("epochs", "Number of Epochs currently on the fly.", false, 1)),
            Map.entry("oos", new Numerical("out_of_sync_bytes", "Amount of data known to be out of sync; in bytes.",
                    false, 1024)));

    private final Map<String, Pair> pairs = Map.of(
            "ro", new Pair("node_role_is_primary", "Whether the role of the node is in the primary state.", "Primary"),
            "ds", new Pair("disk_state_is_up_to_date", "Whether the disk of the node is up to date.", "UpToDate"));

    private final CollectorContext ctx;

    private DrbdCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.proc("drbd"), "stats file does not exist, skipping");
        List<DrbdStatus.Field> fields;
        try {
            fields = DrbdStatus.read(ctx.procfs());
        } catch (NoSuchFileException e) {
            throw new NoDataException("stats file does not exist, skipping");
        }
        emit(sink, fields);
    }

    private void emit(MetricSink sink, List<DrbdStatus.Field> fields) throws IOException {
        for (DrbdStatus.Field f : fields) {
            Numerical n = numerical.get(f.key());
            if (n != null) {
                double v = Fields.number(f.value(), "/proc/drbd") * n.multiplier();
                String name = "node_drbd_" + n.name();
                MetricFamily family = n.counter() ? sink.counter(name, n.help(), "device")
                        : sink.gauge(name, n.help(), "device");
                family.add(v, f.device());
                continue;
            }
            Pair p = pairs.get(f.key());
            if (p != null) {
                int slash = f.value().indexOf('/');
                if (slash < 0) {
                    Log.debug("skipping a value without its remote half", "collector", "drbd", "key", f.key(),
                            "value", f.value());
                    continue;
                }
                String local = f.value().substring(0, slash);
                String rest = f.value().substring(slash + 1);
                int next = rest.indexOf('/');
                String remote = next < 0 ? rest : rest.substring(0, next);
                MetricFamily family = sink.gauge("node_drbd_" + p.name(), p.help(), "device", "node");
                family.add(local.equals(p.okay()) ? 1 : 0, f.device(), "local");
                family.add(remote.equals(p.okay()) ? 1 : 0, f.device(), "remote");
                continue;
            }
            if (f.key().equals("cs")) {
                sink.gauge("node_drbd_connected", "Whether DRBD is connected to the peer.", "device")
                        .add(f.value().equals("Connected") ? 1 : 0, f.device());
                continue;
            }
            Log.debug("unhandled key-value pair", "collector", "drbd", "key", f.key(), "value", f.value());
        }
    }
}
