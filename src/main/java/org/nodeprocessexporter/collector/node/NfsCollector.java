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
 * node_exporter's {@code nfs}: NFS client RPC statistics from {@code /proc/net/rpc/nfs} (what
 * {@code nfsstat -c} shows). No such file (the nfs module is not loaded) is no data.
 */
public final class NfsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("nfs", true, NfsCollector::new);

    /** Procedure names per protocol version, in the kernel's order (upstream's method labels). */
    static final String[] V2 = {"Null", "GetAttr", "SetAttr", "Root", "Lookup", "ReadLink", "Read", "WrCache",
        "Write", "Create", "Remove", "Rename", "Link", "SymLink", "MkDir", "RmDir", "ReadDir", "FsStat"};
    static final String[] V3 = {"Null", "GetAttr", "SetAttr", "Lookup", "Access", "ReadLink", "Read", "Write",
        "Create", "MkDir", "SymLink", "MkNod", "Remove", "RmDir", "Rename", "Link", "ReadDir", "ReadDirPlus", "FsStat",
        "FsInfo", "PathConf", "Commit"};
    static final String[] V4 = {"Null", "Read", "Write", "Commit", "Open", "OpenConfirm", "OpenNoattr",
        "OpenDowngrade", "Close", "Setattr", "FsInfo", "Renew", "SetClientID", "SetClientIDConfirm", "Lock", "Lockt",
        "Locku", "Access", "Getattr", "Lookup", "LookupRoot", "Remove", "Rename", "Link", "Symlink", "Create",
        "Pathconf", "StatFs", "ReadLink", "ReadDir", "ServerCaps", "DelegReturn", "GetACL", "SetACL", "FsLocations",
        "ReleaseLockowner", "Secinfo", "FsidPresent", "ExchangeID", "CreateSession", "DestroySession", "Sequence",
        "GetLeaseTime", "ReclaimComplete", "GetDeviceInfo", "LayoutGet", "LayoutCommit", "LayoutReturn",
        "SecinfoNoName", "TestStateID", "FreeStateID", "GetDeviceList", "BindConnToSession", "DestroyClientID", "Seek",
        "Allocate", "DeAllocate", "LayoutStats", "Clone"};

    private final CollectorContext ctx;

    private NfsCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Path stats = ctx.proc("net", "rpc", "nfs");
        NoDataException.unlessExists(stats);
        NfsRpcStats s;
        try {
            s = NfsRpcStats.read(stats);
        } catch (NoSuchFileException e) {
            throw new NoDataException("no NFS client statistics: " + e.getMessage());
        }
        emit(sink, s);
    }

    /** The families, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink, NfsRpcStats s) throws Exception {
        MetricFamily packets = sink.counter("node_nfs_packets_total",
                "Total NFSd network packets (sent+received) by protocol type.", "protocol");
        packets.add(s.value("net", 1), "udp");
        packets.add(s.value("net", 2), "tcp");
        sink.counter("node_nfs_connections_total", "Total number of NFSd TCP connections.", s.value("net", 3));
        sink.counter("node_nfs_rpcs_total", "Total number of RPCs performed.", s.value("rpc", 0));
        sink.counter("node_nfs_rpc_retransmissions_total", "Number of RPC transmissions performed.",
                s.value("rpc", 1));
        sink.counter("node_nfs_rpc_authentication_refreshes_total",
                "Number of RPC authentication refreshes performed.", s.value("rpc", 2));
        MetricFamily requests = sink.counter("node_nfs_requests_total", "Number of NFS procedures invoked.",
                "proto", "method");
        procedures(requests, s, "proc2", "2", V2);
        procedures(requests, s, "proc3", "3", V3);
        procedures(requests, s, "proc4", "4", V4);
    }

    private static void procedures(MetricFamily f, NfsRpcStats s, String line, String proto, String[] names) {
        for (int i = 0; i < names.length; i++) {
            f.add(s.procValue(line, i), proto, names[i]);
        }
    }
}
