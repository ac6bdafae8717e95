package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.Main;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.NetChild;
import org.nodeprocessexporter.testsupport.TestNetns;

/**
 * qdisc, network_route, tcpstat, wifi and ethtool side by side with node_exporter 1.5, both started
 * inside the same network namespace of the test's own ({@code ip netns exec}), so both read the
 * same interfaces, qdiscs, routes and sockets, and scraped from inside it one after the other.
 * 1.5 and 1.12 do not differ in these collectors' families, so no difference is allowed.
 */
class NetlinkCollectorsParityTest {
    private static final String[] FLAGS = {"--collector.disable-defaults", "--collector.qdisc",
        "--collector.network_route", "--collector.tcpstat", "--collector.wifi", "--collector.ethtool"};

    @Test
    void bothExportersReportTheSameNetworkNamespace(@TempDir Path tmp) throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
            ns.ip("link", "set", "va", "up");
            ns.ip("link", "set", "vb", "up");
            ns.ip("addr", "add", "10.96.0.1/24", "dev", "va");
            ns.ip("route", "add", "10.75.0.0/16", "via", "10.96.0.2", "metric", "9");
            ns.ip("route", "add", "10.64.0.0/16", "nexthop", "via", "10.96.0.2", "weight", "2",
                    "nexthop", "via", "10.96.0.3", "weight", "1");
            ns.exec("tc", "qdisc", "add", "dev", "va", "root", "tbf", "rate", "1mbit", "burst", "32kbit", "latency",
                    "400ms");
            try (Child sockets = Child.wrapped(ns.inside(List.of()), List.of(), NetChild.class, "all", "127.0.0.1")) {
                List<String> theirs = new ArrayList<>(List.of(ReferenceBinaries.require(ReferenceBinaries.NODE_EXPORTER)
                        .toString(), "--web.listen-address=127.0.0.1:9101"));
                theirs.addAll(List.of(FLAGS));
                Process ne = ns.start(theirs, tmp.resolve("ne.log"));
                List<String> ours = new ArrayList<>(Child.javaCommand(List.of(), Main.class,
                        "--web.listen-address=127.0.0.1:9100"));
                ours.addAll(List.of(FLAGS));
                Process us = ns.start(ours, tmp.resolve("ours.log"));
                ns.awaitListener(9101, ne, tmp.resolve("ne.log"));
                ns.awaitListener(9100, us, tmp.resolve("ours.log"));
                SideBySide.Scrapes s = new SideBySide.Scrapes(Exposition.parse(ns.scrape(9101)),
                        Exposition.parse(ns.scrape(9100)));

                List<String> problems = new ArrayList<>();
                for (String prefix : List.of("node_qdisc_", "node_network_", "node_tcp_", "node_wifi_", "node_ethtool_")) {
                    problems.addAll(s.shapeDifferences(prefix));
                }
                problems.addAll(s.successDifferences());
                problems.addAll(s.valueDifferences("node_network_route_info", "node_network_routes", "node_ethtool_info",
                        "node_network_autonegotiate", "node_network_supported_speed_bytes", "node_ethtool_peer_ifindex",
                        "node_qdisc_current_queue_length", "node_qdisc_backlog"));
                // nothing sends through the qdiscs but an IPv6 router solicitation now and then
                problems.addAll(s.counterDifferences(1000, "node_qdisc_bytes_total", "node_qdisc_packets_total",
                        "node_qdisc_drops_total", "node_qdisc_requeues_total", "node_qdisc_overlimits_total"));
                String listen = "node_tcp_connection_states{state=\"listen\"}";
                if (!s.theirs().value(listen).equals(s.ours().value(listen))) {
                    problems.add(listen + ": theirs " + s.theirs().value(listen) + ", ours " + s.ours().value(listen));
                }
                assertThat(problems).isEmpty();
                assertThat(s.theirs().family("node_network_route_info")).hasSize(6);
                assertThat(s.theirs().types).containsKeys("node_qdisc_bytes_total", "node_tcp_connection_states",
                        "node_ethtool_info", "node_network_autonegotiate");
            }
        }
    }
}
