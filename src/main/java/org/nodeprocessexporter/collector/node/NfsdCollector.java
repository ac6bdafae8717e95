package org.nodeprocessexporter.collector.node;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.NfsRpcStats;

/**
 * node_exporter's {@code nfsd}: NFS kernel server statistics from {@code /proc/net/rpc/nfsd} (what
 * {@code nfsstat -s} shows). No such file (nfsd not loaded) is no data.
 */
public final class NfsdCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("nfsd", true, NfsdCollector::new);

    /** NFSv4 operations upstream exports: name and operation number (RFC 7530/5661), the index in proc4ops. */
    private static final Object[][] V4_OPS = {
        {"Access", 3}, {"Close", 4}, {"Commit", 5}, {"Create", 6}, {"DelegPurge", 7}, {"DelegReturn", 8},
        {"GetAttr", 9}, {"GetFH", 10}, {"Link", 11}, {"Lock", 12}, {"Lockt", 13}, {"Locku", 14}, {"Lookup", 15},
        {"LookupRoot", 16}, {"Nverify", 17}, {"Open", 18}, {"OpenAttr", 19}, {"OpenConfirm", 20}, {"OpenDgrd", 21},
        {"PutFH", 22}, {"Read", 25}, {"ReadDir", 26}, {"ReadLink", 27}, {"Remove", 28}, {"Rename", 29},
        {"Renew", 30}, {"RestoreFH", 31}, {"SaveFH", 32}, {"SecInfo", 33}, {"SetAttr", 34}, {"Verify", 37},
        {"Write", 38}, {"RelLockOwner", 39},
    };

    private final CollectorContext ctx;

    private NfsdCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Path stats = ctx.proc("net", "rpc", "nfsd");
        NoDataException.unlessExists(stats);
        NfsRpcStats s;
        try {
            s = NfsRpcStats.read(stats);
        } catch (NoSuchFileException e) {
            throw new NoDataException("no NFS server statistics: " + e.getMessage());
        }
        emit(sink, s);
    }

    /** The families, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink, NfsRpcStats s) throws Exception {
        sink.counter("node_nfsd_reply_cache_hits_total",
                "Total number of NFSd Reply Cache hits (client lost server response).", s.value("rc", 0));
        sink.counter("node_nfsd_reply_cache_misses_total",
                "Total number of NFSd Reply Cache an operation that requires caching (idempotent).", s.value("rc", 1));
        sink.counter("node_nfsd_reply_cache_nocache_total",
                "Total number of NFSd Reply Cache non-idempotent operations (rename/delete/…).", s.value("rc", 2));
        sink.counter("node_nfsd_file_handles_stale_total", "Total number of NFSd stale file handles",
                s.value("fh", 0));
        sink.counter("node_nfsd_disk_bytes_read_total", "Total NFSd bytes read.", s.value("io", 0));
        sink.counter("node_nfsd_disk_bytes_written_total", "Total NFSd bytes written.", s.value("io", 1));
        sink.gauge("node_nfsd_server_threads", "Total number of NFSd kernel threads that are running.",
                s.value("th", 0));
        sink.gauge("node_nfsd_read_ahead_cache_size_blocks", "How large the read ahead cache is in blocks.",
                s.value("ra", 0));
        sink.counter("node_nfsd_read_ahead_cache_not_found_total", "Total number of NFSd read ahead cache not found.",
                s.value("ra", 11));
        MetricFamily packets = sink.counter("node_nfsd_packets_total",
                "Total NFSd network packets (sent+received) by protocol type.", "proto");
        packets.add(s.value("net", 1), "udp");
        packets.add(s.value("net", 2), "tcp");
        sink.counter("node_nfsd_connections_total", "Total number of NFSd TCP connections.", s.value("net", 3));
        MetricFamily errors = sink.counter("node_nfsd_rpc_errors_total", "Total number of NFSd RPC errors by error type.",
                "error");
        errors.add(s.value("rpc", 2), "fmt");
        errors.add(s.value("rpc", 3), "auth");
        errors.add(s.value("rpc", 4), "cInt");
        sink.counter("node_nfsd_server_rpcs_total", "Total number of NFSd RPCs.", s.value("rpc", 0));

        MetricFamily requests = sink.counter("node_nfsd_requests_total",
                "Total number NFSd Requests by method and protocol.", "proto", "method");
        // The server does not export the Null procedure of v2 and v3.
        for (int i = 1; i < NfsCollector.V2.length; i++) {
            requests.add(s.procValue("proc2", i), "2", NfsCollector.V2[i]);
        }
        for (int i = 1; i < NfsCollector.V3.length; i++) {
            requests.add(s.procValue("proc3", i), "3", NfsCollector.V3[i]);
        }
        for (Object[] op : V4_OPS) {
            requests.add(s.procValue("proc4ops", (Integer) op[1]), "4", (String) op[0]);
        }
    }
}
