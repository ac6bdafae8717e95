package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.Main;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.NetChild;
import org.nodeprocessexporter.testsupport.TestNetns;

/**
 * The five netlink collectors against the real kernel: a network namespace of the test's own with
 * veth pairs, addresses, a gateway and a multipath route, tbf and pfifo root qdiscs and a child
 * holding TCP sockets in known states; our exporter runs inside it ({@code ip netns exec}, so its
 * sockets and its /sys are the namespace's) and is scraped from inside it once. What it reports
 * is checked against what {@code tc}, {@code ip -j route}, {@code ss} and {@code ethtool} say,
 * run by the test in the same namespace.
 */
class NetlinkCollectorsLiveTest {
    private static final int PORT = 9100;
    @TempDir
    static Path tmp;
    private static TestNetns ns;
    private static Child sockets;
    private static String tcBefore;
    private static String tcAfter;
    private static String ssBefore;
    private static Exposition scraped;
    private static String log;

    @BeforeAll
    static void setUp() throws Exception {
        ns = TestNetns.create();
        ns.ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
        ns.ip("link", "add", "vc", "type", "veth", "peer", "name", "vd");
        for (String l : List.of("va", "vb", "vc", "vd")) {
            ns.ip("link", "set", l, "up");
        }
        ns.ip("addr", "add", "10.97.0.1/24", "dev", "va");
        ns.ip("addr", "add", "10.97.1.1/24", "dev", "vc");
        ns.ip("addr", "add", "fd00:97::1/64", "dev", "va", "nodad");
        ns.ip("route", "add", "10.76.0.0/16", "via", "10.97.0.2", "metric", "7");
        ns.ip("route", "add", "10.65.0.0/16", "proto", "static", "nexthop", "via", "10.97.0.2", "weight", "3",
                "nexthop", "via", "10.97.1.2", "weight", "1");
        ns.exec("tc", "qdisc", "add", "dev", "va", "root", "handle", "1:", "tbf", "rate", "1mbit", "burst", "32kbit",
                "latency", "400ms");
        ns.exec("tc", "qdisc", "add", "dev", "vc", "root", "pfifo", "limit", "50");
        // traffic through va's qdisc: a datagram to an address nobody has sends ARP requests out of va
        ns.exec("bash", "-c", "echo probe > /dev/udp/10.97.0.9/9");
        sockets = Child.wrapped(ns.inside(List.of()), List.of(), NetChild.class, "all", "127.0.0.1");

        Path logFile = tmp.resolve("exporter.log");
        List<String> cmd = new ArrayList<>(Child.javaCommand(List.of(), Main.class,
                "--web.listen-address=127.0.0.1:" + PORT, "--collector.disable-defaults", "--collector.qdisc",
                "--collector.network_route", "--collector.tcpstat", "--collector.wifi", "--collector.ethtool",
                "--log.level=debug"));
        Process exporter = ns.start(cmd, logFile);
        ns.awaitListener(PORT, exporter, logFile);
        tcBefore = ns.exec("tc", "-s", "qdisc", "show");
        ssBefore = ns.exec("ss", "-Htan");
        scraped = Exposition.parse(ns.scrape(PORT));
        tcAfter = ns.exec("tc", "-s", "qdisc", "show");
        log = Files.readString(logFile);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (sockets != null) {
            sockets.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void everyCollectorButWifiSucceedsAndWifiHasNoDataQuietly() {
        assertThat(scraped.family("node_scrape_collector_success")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "node_scrape_collector_success{collector=\"ethtool\"}", 1.0,
                "node_scrape_collector_success{collector=\"network_route\"}", 1.0,
                "node_scrape_collector_success{collector=\"qdisc\"}", 1.0,
                "node_scrape_collector_success{collector=\"tcpstat\"}", 1.0,
                "node_scrape_collector_success{collector=\"wifi\"}", 0.0));
        assertThat(scraped.types.keySet()).noneMatch(f -> f.startsWith("node_wifi_"));
        assertThat(log).doesNotContain("level=error").contains("wifi collector metrics are not available");
    }

    /** Per root qdisc of {@code tc -s qdisc show}: "dev kind" to {bytes, packets, drops, overlimits, requeues}. */
    private static Map<String, long[]> tc(String text) {
        Map<String, long[]> out = new TreeMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] w = lines[i].trim().split("\\s+");
            if (w.length < 5 || !w[0].equals("qdisc") || !List.of(w).contains("root")) {
                continue;
            }
            String[] s = lines[i + 1].trim().replaceAll("[(),]", " ").split("\\s+");
            // Sent B bytes P pkt dropped D overlimits O requeues R
            out.put(w[4] + " " + w[1], new long[] {Long.parseLong(s[1]), Long.parseLong(s[3]), Long.parseLong(s[6]),
                Long.parseLong(s[8]), Long.parseLong(s[10])});
        }
        return out;
    }

    @Test
    void qdiscCountersLieBetweenTwoReadingsOfTc() {
        Map<String, long[]> before = tc(tcBefore);
        Map<String, long[]> after = tc(tcAfter);
        assertThat(before.keySet()).contains("va tbf", "vc pfifo", "vb noqueue", "lo noqueue");
        String[] names = {"bytes_total", "packets_total", "drops_total", "overlimits_total", "requeues_total"};
        Map<String, String> ours = new TreeMap<>();
        scraped.samples("node_qdisc_bytes_total").forEach(s -> ours.put(s.labels().get("device") + " "
                + s.labels().get("kind"), ""));
        assertThat(ours.keySet()).isEqualTo(before.keySet());
        for (String q : before.keySet()) {
            String[] dk = q.split(" ");
            for (int k = 0; k < names.length; k++) {
                double v = scraped.value("node_qdisc_" + names[k] + "{device=\"" + dk[0] + "\",kind=\"" + dk[1] + "\"}");
                assertThat(v).as(q + " " + names[k]).isBetween((double) before.get(q)[k], (double) after.get(q)[k]);
            }
        }
        assertThat(before.get("va tbf")[1]).as("the ARP requests went through va's tbf").isPositive();
    }

    @Test
    void routesAreWhatIpRouteShows() throws Exception {
        Map<String, Double> expected = new TreeMap<>();
        Map<String, Integer> perDevice = new TreeMap<>();
        for (String family : List.of("-4", "-6")) {
            Path json = tmp.resolve("routes" + family + ".json");
            Files.writeString(json, ns.exec("ip", "-j", family, "route", "show", "table", "all"));
            for (Map<String, Object> r : FixtureJson.objects(FixtureJson.read(json), json)) {
                String type = FixtureJson.string(r, "type");
                if (!type.isEmpty() && !type.equals("unicast")) {
                    continue;
                }
                String dst = FixtureJson.string(r, "dst");
                if (!dst.equals("default") && !dst.contains("/")) {
                    dst += family.equals("-4") ? "/32" : "/128";
                }
                Map<String, String> labels = new HashMap<>();
                labels.put("dest", dst);
                labels.put("src", FixtureJson.string(r, "prefsrc"));
                labels.put("priority", Long.toString(FixtureJson.number(r, "metric")));
                String proto = FixtureJson.string(r, "protocol");
                labels.put("proto", proto.isEmpty() ? "boot" : proto); // ip leaves out RTPROT_BOOT, its default
                Object hops = r.get("nexthops");
                List<Map<String, Object>> nexthops = hops == null ? List.of(r) : FixtureJson.objects(hops, json);
                for (Map<String, Object> h : nexthops) {
                    Map<String, String> l = new HashMap<>(labels);
                    l.put("device", FixtureJson.string(h, "dev"));
                    l.put("gw", FixtureJson.string(h, "gateway"));
                    l.put("weight", hops == null ? "" : Long.toString(FixtureJson.number(h, "weight")));
                    expected.put(Exposition.key("node_network_route_info", l), 1.0);
                    perDevice.merge(l.get("device"), 1, Integer::sum);
                }
            }
        }
        assertThat(expected).containsKey("node_network_route_info{dest=\"10.65.0.0/16\",device=\"vc\",gw=\"10.97.1.2\","
                + "priority=\"0\",proto=\"static\",src=\"\",weight=\"1\"}");
        assertThat(scraped.family("node_network_route_info")).isEqualTo(expected);
        Map<String, Double> routes = new TreeMap<>();
        perDevice.forEach((d, n) -> routes.put("node_network_routes{device=\"" + d + "\"}", (double) n));
        assertThat(scraped.family("node_network_routes")).isEqualTo(routes);
    }

    @Test
    void tcpStatesAreWhatSsShowsPlusTheScrapesOwnConnection() {
        Map<String, Double> expected = new TreeMap<>();
        double rx = 0;
        double tx = 0;
        for (String line : ssBefore.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 4) {
                continue;
            }
            String state = switch (w[0]) {
                case "ESTAB" -> "established";
                case "LISTEN" -> "listen";
                case "CLOSE-WAIT" -> "close_wait";
                case "FIN-WAIT-2" -> "fin_wait2";
                case "TIME-WAIT" -> "time_wait";
                default -> w[0].toLowerCase().replace('-', '_');
            };
            expected.merge("node_tcp_connection_states{state=\"" + state + "\"}", 1.0, Double::sum);
            rx += Double.parseDouble(w[1]);
            tx += Double.parseDouble(w[2]);
        }
        // curl's connection to the exporter, both ends, open while the exporter collected
        expected.merge("node_tcp_connection_states{state=\"established\"}", 2.0, Double::sum);
        expected.put("node_tcp_connection_states{state=\"rx_queued_bytes\"}", rx);
        expected.put("node_tcp_connection_states{state=\"tx_queued_bytes\"}", tx);
        assertThat(expected).containsKeys("node_tcp_connection_states{state=\"close_wait\"}",
                "node_tcp_connection_states{state=\"listen\"}");
        assertThat(scraped.family("node_tcp_connection_states")).isEqualTo(expected);
    }

    @Test
    void ethtoolIsWhatEthtoolShows() throws Exception {
        for (String dev : List.of("va", "vd")) {
            Map<String, String> info = new HashMap<>();
            for (String line : ns.exec("ethtool", "-i", dev).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    info.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            Map<String, String> labels = Map.of("device", dev, "driver", info.get("driver"), "version",
                    info.get("version"), "firmware_version", info.get("firmware-version"), "bus_info",
                    info.get("bus-info"), "expansion_rom_version", info.get("expansion-rom-version"));
            assertThat(scraped.value(Exposition.key("node_ethtool_info", labels))).as(dev).isEqualTo(1.0);
            int stats = 0;
            for (String line : ns.exec("ethtool", "-S", dev).split("\n")) {
                String[] kv = line.trim().split(":\\s*");
                if (kv.length != 2 || line.startsWith("NIC")) {
                    continue;
                }
                String family = EthtoolCollector.fqName(kv[0]);
                assertThat(scraped.value(family + "{device=\"" + dev + "\"}")).as(dev + " " + kv[0])
                        .isEqualTo(Double.parseDouble(kv[1]));
                stats++;
            }
            assertThat(stats).isPositive();
            assertThat(scraped.value("node_network_autonegotiate{device=\"" + dev + "\"}")).isEqualTo(0.0);
        }
        String peer = ns.exec("cat", "/sys/class/net/vb/ifindex").trim();
        assertThat(scraped.value("node_ethtool_peer_ifindex{device=\"va\"}")).isEqualTo(Double.parseDouble(peer));
        assertThat(scraped.family("node_ethtool_info")).as("lo has no driver information")
                .doesNotContainKey("node_ethtool_info{device=\"lo\"}").hasSize(4);
    }
}
