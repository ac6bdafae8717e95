package org.nodeprocessexporter.sys.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The sock_diag dump of every TCP socket of one address family (SOCK_DIAG_BY_FAMILY with a
 * {@code struct inet_diag_req_v2} for all states), the request node_exporter's tcpstat makes, read
 * down to what it uses of each {@code struct inet_diag_msg}: the state and the receive and send
 * queues. Unlike upstream it does not ask for INET_DIAG_INFO: the queues are filled without it,
 * and the tcp_info blocks it adds to every message are never read.
 */
public final class InetDiag {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    private static final int SOCK_DIAG_BY_FAMILY = 20;
    private static final int IPPROTO_TCP = 6;
    private static final int TCPF_ALL = 0xfff;
    private static final int REQ_ID = 48;
    /** idiag_family, state, timer, retrans, the 48-byte id, expires, rqueue, wqueue. */
    private static final int MSG_MIN = 64;

    private InetDiag() {
    }

    /** Sums over the sockets of a dump: sockets per state number, and the queued bytes. */
    public static final class TcpCounts {
        /** Sockets by the kernel's state number (include/net/tcp_states.h). */
        public final long[] byState = new long[256];
        public long receiveQueued;
        public long transmitQueued;
        public int sockets;
    }

    /** Adds the TCP sockets of {@code family} (AF_INET or AF_INET6) to {@code counts}. */
    public static void tcp(NetlinkSocket s, int family, TcpCounts counts) throws IOException {
        ByteBuffer req = NetlinkRequest.dump(SOCK_DIAG_BY_FAMILY)
                .u8(family).u8(IPPROTO_TCP).u8(0).u8(0).u32(TCPF_ALL).zeros(REQ_ID).build();
        s.exchange(req, (type, b, off, len) -> type != SOCK_DIAG_BY_FAMILY || add(b, off, len, counts));
    }

    /** One {@code inet_diag_msg} into {@code counts}; false when it is too short. */
    public static boolean add(ByteBuffer b, int off, int len, TcpCounts counts) {
        if (len < MSG_MIN) {
            return false;
        }
        counts.byState[b.get(off + 1) & 0xff]++;
        counts.receiveQueued += b.getInt(off + 56) & 0xffffffffL;
        counts.transmitQueued += b.getInt(off + 60) & 0xffffffffL;
        counts.sockets++;
        return true;
    }
}
