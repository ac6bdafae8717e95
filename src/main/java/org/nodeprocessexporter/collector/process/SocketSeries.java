package org.nodeprocessexporter.collector.process;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.SocketTable;

/**
 * The socket families of process_detail: {@code netstat}, one series per distinct
 * (protocol, local, remote) a group holds, valued by the kernel's state number (the lowest, when
 * several sockets share the labels), and {@code connections}, the count of sockets per protocol
 * and state.
 */
final class SocketSeries {
    private static final String P = "namedprocess_namegroup_";

    private final boolean netstat;
    private final boolean connections;
    private final BitSet states;
    private final int maxPerGroup;
    private final MetricFamily netstatFamily;
    private final MetricFamily dropped;
    private final MetricFamily connectionsFamily;

    SocketSeries(MetricSink sink, boolean netstat, boolean connections, BitSet states, int maxPerGroup) {
        this.netstat = netstat;
        this.connections = connections;
        this.states = states;
        this.maxPerGroup = maxPerGroup;
        this.netstatFamily = netstat ? sink.gauge(P + "netstat",
                "TCP and UDP sockets held by the group; value: the kernel's socket state (1 ESTABLISHED, "
                        + "7 CLOSE/unconnected UDP, 10 LISTEN, ...)", "groupname", "protocol", "local", "remote")
                : null;
        this.dropped = netstat && maxPerGroup > 0 ? sink.gauge(P + "netstat_dropped",
                "netstat series of the group left out of this scrape by --collector.process_detail.netstat.max-per-group"
                        + " (only for groups over the limit)",
                "groupname") : null;
        this.connectionsFamily = connections ? sink.gauge(P + "connections",
                "Number of TCP and UDP sockets held by the group, by protocol and state", "groupname", "protocol",
                "state") : null;
    }

    /** Adds the series of one group from its members that hold sockets (null: none). */
    void add(String group, List<TrackedProcess> members) {
        TreeMap<String, int[]> series = new TreeMap<>();
        Map<String, int[]> counts = new TreeMap<>();
        if (members != null) {
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
                        String protocol = NetNamespaces.PROTOCOLS[t];
                        if (connections) {
                            counts.computeIfAbsent(protocol + '\u0000' + SocketStates.name(state), k -> new int[1])[0]++;
                        }
                        if (netstat && states.get(state)) {
                            // local, protocol, remote: the order of the labels, so samples come out sorted
                            String key = tables[t].localEndpoint(row) + '\u0000' + protocol + '\u0000'
                                    + tables[t].remoteEndpoint(row);
                            int[] v = series.get(key);
                            if (v == null) {
                                series.put(key, new int[] {state});
                            } else {
                                v[0] = Math.min(v[0], state);
                            }
                        }
                        break;
                    }
                }
            }
        }
        if (netstat) {
            int emitted = 0;
            for (Map.Entry<String, int[]> e : series.entrySet()) {
                if (maxPerGroup > 0 && emitted == maxPerGroup) {
                    break;
                }
                String[] parts = e.getKey().split("\u0000", 3);
                netstatFamily.add(e.getValue()[0], group, parts[1], parts[0], parts[2]);
                emitted++;
            }
            if (dropped != null && series.size() > emitted) {
                dropped.add(series.size() - emitted, group);
            }
        }
        if (connections) {
            counts.forEach((key, n) -> {
                int sep = key.indexOf('\u0000');
                connectionsFamily.add(n[0], group, key.substring(0, sep), key.substring(sep + 1));
            });
        }
    }
}
