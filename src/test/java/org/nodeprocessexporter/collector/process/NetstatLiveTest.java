package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.NetChild;

/** namedprocess_namegroup_netstat and _connections for children holding known sockets. */
class NetstatLiveTest {
    @org.junit.jupiter.api.AfterEach
    void closeCollectors() {
        CollectorHarness.closeAll();
    }

    private static Collector collector(String... flags) throws Exception {
        return CollectorHarness.build(ProcessDetailCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"),
                flags);
    }

    private static Map<String, String> ports(Child c) {
        Map<String, String> out = new HashMap<>();
        for (String kv : c.info.split(" ")) {
            String[] p = kv.split("=", 2);
            out.put(p[0], p[1]);
        }
        return out;
    }

    /** netstat series of one group: "protocol local remote" -> state. */
    private static Map<String, Double> netstat(Exposition e, String group) {
        Map<String, Double> out = new TreeMap<>();
        e.family("namedprocess_namegroup_netstat").forEach((key, v) -> {
            if (key.contains("groupname=\"" + group + "\"")) {
                out.put(label(key, "protocol") + " " + label(key, "local") + " " + label(key, "remote"), v);
            }
        });
        return out;
    }

    private static String label(String key, String name) {
        int start = key.indexOf(name + "=\"") + name.length() + 2;
        return key.substring(start, key.indexOf('"', start));
    }

    @Test
    void everyKindOfIpv4SocketLabelForLabelValueForValue() throws Exception {
        try (Child child = Child.wrapped(List.of(), List.of("-Djava.net.preferIPv4Stack=true"), NetChild.class,
                "all", "127.0.0.1")) {
            Map<String, String> port = ports(child);
            String group = "netchild_" + child.pid;
            Exposition e = Exposition.parse(CollectorHarness.scrape(collector()));
            String l = "127.0.0.1:" + port.get("listen");
            assertThat(netstat(e, group)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "tcp " + l + " 0.0.0.0:0", 10.0,
                    "tcp 127.0.0.1:" + port.get("client") + " " + l, 1.0,
                    "tcp " + l + " 127.0.0.1:" + port.get("client"), 1.0,
                    "tcp 127.0.0.1:" + port.get("closewait") + " " + l, 8.0,
                    "udp 127.0.0.1:" + port.get("udp") + " 0.0.0.0:0", 7.0,
                    "udp 127.0.0.1:" + port.get("udpconn") + " 127.0.0.1:" + port.get("udp"), 1.0));
            String g = "groupname=\"" + group + "\"";
            assertThat(e.value("namedprocess_namegroup_connections{" + g + ",protocol=\"tcp\",state=\"established\"}"))
                    .isEqualTo(2.0);
            assertThat(e.value("namedprocess_namegroup_connections{" + g + ",protocol=\"tcp\",state=\"listen\"}"))
                    .isEqualTo(1.0);
            assertThat(e.value("namedprocess_namegroup_connections{" + g + ",protocol=\"tcp\",state=\"close_wait\"}"))
                    .isEqualTo(1.0);
            assertThat(e.value("namedprocess_namegroup_connections{" + g + ",protocol=\"udp\",state=\"close\"}"))
                    .isEqualTo(1.0);
            assertThat(e.value("namedprocess_namegroup_connections{" + g + ",protocol=\"udp\",state=\"established\"}"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void ipv6SocketsAreBracketed() throws Exception {
        try (Child child = Child.wrapped(List.of(), List.of(), NetChild.class, "listen", "::1")) {
            Exposition e = Exposition.parse(CollectorHarness.scrape(collector()));
            assertThat(netstat(e, "netchild_" + child.pid)).containsExactly(
                    Map.entry("tcp [::1]:" + ports(child).get("listen") + " [::]:0", 10.0));
        }
    }

    @Test
    void theStateFilterTheCapAndTheSwitchesDoWhatTheySay() throws Exception {
        try (Child child = Child.wrapped(List.of(), List.of("-Djava.net.preferIPv4Stack=true"), NetChild.class,
                "all", "127.0.0.1")) {
            String group = "netchild_" + child.pid;
            Exposition listenOnly = Exposition.parse(CollectorHarness.scrape(
                    collector("--collector.process_detail.netstat.states=LISTEN,close-wait")));
            assertThat(netstat(listenOnly, group).values()).containsExactlyInAnyOrder(10.0, 8.0);
            Exposition capped = Exposition.parse(CollectorHarness.scrape(
                    collector("--collector.process_detail.netstat.max-per-group=2")));
            assertThat(netstat(capped, group)).hasSize(2);
            assertThat(capped.value("namedprocess_namegroup_netstat_dropped{groupname=\"" + group + "\"}")).isEqualTo(4.0);
            Exposition off = Exposition.parse(CollectorHarness.scrape(
                    collector("--no-collector.process_detail.netstat", "--no-collector.process_detail.connections")));
            assertThat(off.types).doesNotContainKeys("namedprocess_namegroup_netstat",
                    "namedprocess_namegroup_connections");
            assertThat(off.value("namedprocess_namegroup_num_procs{groupname=\"" + group + "\"}")).isEqualTo(1.0);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                collector("--collector.process_detail.netstat.states=listening"))
                .hasMessageContaining("--collector.process_detail.netstat.states")
                .hasMessageContaining("unknown socket state \"listening\"");
    }

    @Test
    void aListenerInAnotherNetworkNamespaceShowsItsOwnSockets() throws Exception {
        // TEST-NET-1 address, assigned only to the loopback of a namespace this test makes: nothing leaves it
        String address = "192.0.2.77";
        List<String> prefix = List.of("unshare", "--net", "--", "sh", "-c",
                "ip link set lo up && ip addr add " + address + "/32 dev lo && exec \"$0\" \"$@\"");
        try (Child child = Child.wrapped(prefix, List.of("-Djava.net.preferIPv4Stack=true"), NetChild.class,
                "listen", address)) {
            Exposition e = Exposition.parse(CollectorHarness.scrape(collector()));
            assertThat(netstat(e, "netchild_" + child.pid)).containsExactly(
                    Map.entry("tcp " + address + ":" + ports(child).get("listen") + " 0.0.0.0:0", 10.0));
            // and no host socket ever shows that address
            assertThat(e.family("namedprocess_namegroup_netstat").keySet().stream()
                    .filter(k -> k.contains(address))).allMatch(k -> k.contains("netchild_" + child.pid));
        }
    }
}
