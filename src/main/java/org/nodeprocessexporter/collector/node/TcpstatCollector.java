package org.nodeprocessexporter.collector.node;

import com.sun.jna.Memory;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sys.netlink.InetDiag;
import org.nodeprocessexporter.sys.netlink.NetlinkSocket;

/**
 * node_exporter's {@code tcpstat}: TCP sockets per state from sock_diag (an INET_DIAG dump of
 * every TCP socket, IPv4 and, where {@code <procfs>/net/tcp6} exists, IPv6) of the exporter's
 * network namespace, plus the bytes in their receive and send queues.
 *
 * <p>The queued bytes come out as upstream computes them: upstream counts states and queues in one
 * map keyed by state number, where {@code rx_queued_bytes} and {@code tx_queued_bytes} take the
 * numbers after TCP_CLOSING (12, 13). A socket the kernel reports in state 12 or 13
 * (NEW_SYN_RECV, BOUND_INACTIVE; it reports neither in a dump today) would add one to them, and
 * any other unknown state is "unknown". With no TCP socket at all nothing is emitted.
 */
public final class TcpstatCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("tcpstat", false, TcpstatCollector::new);

    private static final int RX_QUEUED = 12;
    private static final int TX_QUEUED = 13;
    private static final String[] STATES = {
        "unknown", "established", "syn_sent", "syn_recv", "fin_wait1", "fin_wait2", "time_wait", "close",
        "close_wait", "last_ack", "listen", "closing", "rx_queued_bytes", "tx_queued_bytes",
    };

    private final CollectorContext ctx;
    private Memory buffer;

    private TcpstatCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (buffer == null) {
            buffer = NetlinkSocket.newBuffer();
        }
        InetDiag.TcpCounts counts = new InetDiag.TcpCounts();
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG, buffer)) {
            InetDiag.tcp(s, InetDiag.AF_INET, counts);
            if (ctx.proc("net/tcp6").toFile().exists()) {
                InetDiag.tcp(s, InetDiag.AF_INET6, counts);
            }
        }
        emit(sink, counts);
    }

    static void emit(MetricSink sink, InetDiag.TcpCounts counts) {
        if (counts.sockets == 0) {
            return;
        }
        MetricFamily f = sink.gauge("node_tcp_connection_states", "Number of connection states.", "state");
        for (int state = 0; state < counts.byState.length; state++) {
            long n = counts.byState[state];
            if (state == RX_QUEUED) {
                f.add(counts.receiveQueued + n, STATES[state]);
            } else if (state == TX_QUEUED) {
                f.add(counts.transmitQueued + n, STATES[state]);
            } else if (n > 0) {
                f.add(n, state < STATES.length ? STATES[state] : "unknown");
            }
        }
    }
}
