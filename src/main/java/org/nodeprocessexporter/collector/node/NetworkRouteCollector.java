package org.nodeprocessexporter.collector.node;

import com.sun.jna.Memory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sys.netlink.NetlinkSocket;
import org.nodeprocessexporter.sys.netlink.RtNetlink;

/**
 * node_exporter's {@code network_route}: every unicast route of every table and address family of
 * the exporter's network namespace, from an rtnetlink RTM_GETROUTE dump, one
 * {@code node_network_route_info} series per route (per next hop of a multipath route), and the
 * number of them per output interface (named through an RTM_GETLINK dump) in
 * {@code node_network_routes}. Labels as jsimonetti/rtnetlink gives upstream the attributes: src is
 * RTA_PREFSRC, an absent gateway or source is "", a multipath hop's weight is its rtnh_hops + 1.
 */
public final class NetworkRouteCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("network_route", false, NetworkRouteCollector::new);

    private static final int RTN_UNICAST = 1;

    private Memory buffer;

    private NetworkRouteCollector(CollectorContext ctx) {
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (buffer == null) {
            buffer = NetlinkSocket.newBuffer();
        }
        Map<Integer, String> links;
        List<RtNetlink.Route> routes;
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, buffer)) {
            links = RtNetlink.links(s);
            routes = RtNetlink.routes(s);
        }
        emit(sink, links, routes);
    }

    static void emit(MetricSink sink, Map<Integer, String> links, List<RtNetlink.Route> routes) {
        MetricFamily info = sink.gauge("node_network_route_info", "network routing table information",
                "device", "src", "dest", "gw", "priority", "proto", "weight");
        Map<String, Integer> perDevice = new TreeMap<>();
        for (RtNetlink.Route r : routes) {
            if (r.type() != RTN_UNICAST) {
                continue;
            }
            String src = GoIp.text(r.prefSrc());
            String dest = GoIp.prefix(r.dst(), r.dstLength());
            String priority = Long.toString(r.priority());
            String proto = protocol(r.protocol());
            if (!r.multipath().isEmpty()) {
                for (RtNetlink.NextHop hop : r.multipath()) {
                    String dev = links.getOrDefault(hop.ifindex(), "");
                    info.add(1, dev, src, dest, GoIp.text(hop.gateway()), priority, proto,
                            Integer.toString(hop.hops() + 1));
                    perDevice.merge(dev, 1, Integer::sum);
                }
            } else {
                String dev = links.getOrDefault((int) r.outIface(), "");
                info.add(1, dev, src, dest, GoIp.text(r.gateway()), priority, proto, "");
                perDevice.merge(dev, 1, Integer::sum);
            }
        }
        MetricFamily count = sink.gauge("node_network_routes", "network routes by interface", "device");
        perDevice.forEach((dev, n) -> count.add(n, dev));
    }

    /** The RTPROT_* names of include/uapi/linux/rtnetlink.h that upstream knows. */
    static String protocol(int p) {
        return switch (p) {
            case 0 -> "unspec";
            case 1 -> "redirect";
            case 2 -> "kernel";
            case 3 -> "boot";
            case 4 -> "static";
            case 8 -> "gated";
            case 9 -> "ra";
            case 10 -> "mrt";
            case 11 -> "zebra";
            case 12 -> "bird";
            case 13 -> "dnrouted";
            case 14 -> "xorp";
            case 15 -> "ntk";
            case 16 -> "dhcp";
            case 17 -> "mrouted";
            case 42 -> "babel";
            case 186 -> "bgp";
            case 187 -> "isis";
            case 188 -> "ospf";
            case 189 -> "rip";
            case 192 -> "eigrp";
            default -> "unknown";
        };
    }
}
