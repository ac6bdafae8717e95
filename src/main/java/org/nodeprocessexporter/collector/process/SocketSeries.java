package org.nodeprocessexporter.collector.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.nodeprocessexporter.procfs.SocketTable;

/**
 * What one group's sockets give the socket families of process_detail, worked out during the
 * collect (the tables are re-read by the next scrape): {@code netstat}, one series per distinct
 * (protocol, local, remote) the group holds, valued by the kernel's state number (the lowest, when
 * several sockets share the labels), capped per group; and {@code connections}, the count of
 * sockets per protocol and state.
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

    /** One netstat series. */
    record Socket(String local, int protocol, String remote, int state) {
    }

    private static final Comparator<Socket> LABEL_ORDER = Comparator.comparing(Socket::local)
            .thenComparing(s -> PROTOCOLS[s.protocol()]).thenComparing(Socket::remote);

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
                    if (netstat && states.get(state)) {
                        series.add(new Socket(tables[t].localEndpoint(row), protocol, tables[t].remoteEndpoint(row),
                                state));
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
        series.sort(LABEL_ORDER.thenComparingInt(Socket::state));
        List<Socket> out = new ArrayList<>(series.size());
        Socket last = null;
        for (Socket s : series) {
            if (last == null || LABEL_ORDER.compare(last, s) != 0) {
                out.add(s);
                last = s;
            }
        }
        return out.toArray(new Socket[0]);
    }
}
