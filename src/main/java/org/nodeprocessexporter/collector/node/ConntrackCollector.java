package org.nodeprocessexporter.collector.node;

import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.ConntrackStat;
import org.nodeprocessexporter.procfs.Fields;

/**
 * node_exporter's {@code conntrack}: the connection tracking table's size and limit from
 * {@code /proc/sys/net/netfilter}, and its per-CPU statistics summed, from
 * {@code /proc/net/stat/nf_conntrack}.
 */
public final class ConntrackCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("conntrack", true, ConntrackCollector::new);

    /** Column, metric suffix and help, in upstream's order. */
    private static final String[][] STATS = {
        {"found", "found", "Number of searched entries which were successful."},
        {"invalid", "invalid", "Number of packets seen which can not be tracked."},
        {"ignore", "ignore", "Number of packets seen which are already connected to a conntrack entry."},
        {"insert", "insert", "Number of entries inserted into the list."},
        {"insert_failed", "insert_failed", "Number of entries for which list insertion was attempted but failed."},
        {"drop", "drop", "Number of packets dropped due to conntrack failure."},
        {"early_drop", "early_drop",
            "Number of dropped conntrack entries to make room for new ones, if maximum table size was reached."},
        {"search_restart", "search_restart",
            "Number of conntrack table lookups which had to be restarted due to hashtable resizes."},
    };

    private final CollectorContext ctx;

    private ConntrackCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        double count;
        double max;
        try {
            count = Fields.readNumber(ctx.proc("sys", "net", "netfilter", "nf_conntrack_count"));
            max = Fields.readNumber(ctx.proc("sys", "net", "netfilter", "nf_conntrack_max"));
        } catch (NoSuchFileException e) {
            throw new NoDataException("conntrack probably not loaded");
        }
        sink.gauge("node_nf_conntrack_entries", "Number of currently allocated flow entries for connection tracking.",
                count);
        sink.gauge("node_nf_conntrack_entries_limit", "Maximum size of connection tracking table.", max);
        Map<String, Double> stats = ConntrackStat.read(ctx.procfs());
        for (String[] s : STATS) {
            sink.gauge("node_nf_conntrack_stat_" + s[1], s[2], stats.getOrDefault(s[0], 0.0));
        }
    }
}
