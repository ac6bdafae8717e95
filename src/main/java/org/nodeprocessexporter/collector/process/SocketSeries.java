package org.nodeprocessexporter.collector.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.nodeprocessexporter.procfs.SocketAddressText;
import org.nodeprocessexporter.procfs.SocketTable;

/**
 * What one group's sockets give the socket families of process_detail, worked out during the
 * collect (the tables are re-read by the next scrape): {@code netstat}, one series per distinct
 * (protocol, local, remote) the group holds, valued by the kernel's state number (the lowest, when
 * several sockets share the labels), capped per group; and {@code connections}, the count of
 * sockets per protocol and state, where a listener also counts, as {@code syn_recv}, the
 * half-open connections waiting for it (the kernel's request sockets have no inode, so no process
 * holds them; they are not netstat series: a SYN flood must not make thousands of them).
 */
final class SocketSeries {
    /** Protocol label values, by protocol index. */
    static final String[] PROTOCOLS = {"tcp", "udp"};
    /** State numbers 1..13 in the order of their names, the order of the connections series. */
    static final int[] STATES_BY_NAME;

    static {
        Integer[] states = new Integer[13];
        for (int i = 0; i < states.length; i++) {
            states[i] = i + 1;
        }
        Arrays.sort(states, Comparator.comparing(SocketStates::name));
        STATES_BY_NAME = Arrays.stream(states).mapToInt(Integer::intValue).toArray();
    }

    /**
     * One netstat series, its addresses in the compact form of {@link SocketAddressText}: the label
     * text is written only when the series is (a few hundred kB less garbage per scrape at 10,000
     * sockets, and nothing to keep while the response is written).
     */
    record Socket(boolean ipv6, long localHi, long localLo, int localPort, int protocol, long remoteHi, long remoteLo,
                  int remotePort, int state) {
        StringBuilder appendLocal(StringBuilder sb) {
            return SocketAddressText.appendEndpoint(sb, ipv6, localHi, localLo, localPort);
        }

        StringBuilder appendRemote(StringBuilder sb) {
            return SocketAddressText.appendEndpoint(sb, ipv6, remoteHi, remoteLo, remotePort);
        }
    }

    /**
     * The order of a group's series: by local address (IPv4 before IPv6, then numerically), port,
     * protocol, remote address and port; equal labels are equal numbers.
     */
    private static int compareLabels(Socket a, Socket b) {
        int c = Boolean.compare(a.ipv6, b.ipv6);
        if (c == 0) {
            c = Long.compareUnsigned(a.localHi, b.localHi);
        }
        if (c == 0) {
            c = Long.compareUnsigned(a.localLo, b.localLo);
        }
        if (c == 0) {
            c = Integer.compare(a.localPort, b.localPort);
        }
        if (c == 0) {
            c = Integer.compare(a.protocol, b.protocol);
        }
        if (c == 0) {
            c = Long.compareUnsigned(a.remoteHi, b.remoteHi);
        }
        if (c == 0) {
            c = Long.compareUnsigned(a.remoteLo, b.remoteLo);
        }
        if (c == 0) {
            c = Integer.compare(a.remotePort, b.remotePort);
        }
        return c;
    }

    /** Sorted by labels (local, protocol, remote), unique, at most the cap. */
    final Socket[] netstat;
    /** Series left out by the cap. */
    final int dropped;
    /** Sockets by {@code protocol * 14 + state}. */
    final int[] connections;

    private SocketSeries(Socket[] netstat, int dropped, int[] connections) {
        this.netstat = netstat;
        this.dropped = dropped;
        this.connections = connections;
    }

    int connections(int protocol, int state) {
        return connections[protocol * 14 + state];
    }

    /**
     * The series of one group from its members that hold sockets; null when it has none to report.
     * {@code states}: which states netstat reports; {@code maxPerGroup} 0 for no cap.
     */
    static SocketSeries of(List<TrackedProcess> members, boolean netstat, boolean connections, BitSet states,
                           int maxPerGroup) {
        if (members == null) {
            return null;
        }
        List<Socket> series = new ArrayList<>();
        int[] counts = new int[2 * 14];
        boolean any = false;
        java.util.Set<Long> listeners = null;
        for (TrackedProcess p : members) {
            SocketTable[] tables = p.netTables.tables;
            for (int i = 0; i < p.socketCount; i++) {
                long inode = p.sockets[i];
                for (int t = 0; t < tables.length; t++) {
                    int row = tables[t].rowOfInode(inode);
                    if (row < 0) {
                        continue;
                    }
                    int state = tables[t].state(row);
                    int protocol = NetNamespaces.PROTOCOL_INDEX[t];
                    if (state > 0 && state < 14) {
                        counts[protocol * 14 + state]++;
                        any = true;
                    }
                    if (state == 10) { // a listener: the half-open connections waiting for it
                        int pending = p.netTables.requestsFor(t, row);
                        // prefork servers share one listener among the group's processes: count it once
                        if (pending > 0 && (listeners == null ? listeners = new java.util.HashSet<>() : listeners)
                                .add(inode)) {
                            counts[protocol * 14 + 3] += pending;
                        }
                    }
                    if (netstat && states.get(state)) {
                        SocketTable table = tables[t];
                        series.add(new Socket(table.ipv6(), table.localHi(row), table.localLo(row),
                                table.localPort(row), protocol, table.remoteHi(row), table.remoteLo(row),
                                table.remotePort(row), state));
                    }
                    break;
                }
            }
        }
        Socket[] unique = unique(series);
        int kept = maxPerGroup > 0 ? Math.min(maxPerGroup, unique.length) : unique.length;
        if (unique.length == 0 && !(connections && any)) {
            return null;
        }
        return new SocketSeries(kept == unique.length ? unique : Arrays.copyOf(unique, kept), unique.length - kept,
                connections ? counts : new int[2 * 14]);
    }

    /** Sorted by labels; of sockets with equal labels the one with the lowest state. */
    private static Socket[] unique(List<Socket> series) {
        series.sort((a, b) -> {
            int c = compareLabels(a, b);
            return c != 0 ? c : Integer.compare(a.state, b.state);
        });
        List<Socket> out = new ArrayList<>(series.size());
        Socket last = null;
        for (Socket s : series) {
            if (last == null || compareLabels(last, s) != 0) {
                out.add(s);
                last = s;
            }
        }
        return out.toArray(new Socket[0]);
    }
}
