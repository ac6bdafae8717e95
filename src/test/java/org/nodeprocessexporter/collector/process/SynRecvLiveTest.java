package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.NetChild;
import org.nodeprocessexporter.testsupport.TestNetns;

/**
 * Half-open connections for real: a listener in one network namespace, a client in another
 * connecting to it N times, and a firewall in the listener's namespace dropping the client's bare
 * ACKs, so the handshakes stay half done: N request sockets, SYN_RECV without an inode. They count
 * as {@code connections{state="syn_recv"}} of the listener's group, and nowhere else.
 */
class SynRecvLiveTest {
    private static final int CONNECTIONS = 7;

    @AfterEach
    void closeCollectors() {
        CollectorHarness.closeAll();
    }

    @Test
    void halfOpenConnectionsCountForTheListenersGroup() throws Exception {
        try (TestNetns server = TestNetns.create(); TestNetns client = TestNetns.create()) {
            String veth = "sr" + ProcessHandle.current().pid() % 100000;
            TestNetns.run(List.of("ip", "link", "add", veth + "a", "netns", server.name, "type", "veth", "peer", "name",
                    veth + "b", "netns", client.name));
            server.ip("addr", "add", "10.89.0.1/24", "dev", veth + "a");
            client.ip("addr", "add", "10.89.0.2/24", "dev", veth + "b");
            server.ip("link", "set", veth + "a", "up");
            client.ip("link", "set", veth + "b", "up");
            List<String> v4 = List.of("-Djava.net.preferIPv4Stack=true");
            try (Child listener = Child.wrapped(server.inside(List.of()), v4, NetChild.class, "listen", "10.89.0.1")) {
                String port = listener.info.substring(listener.info.indexOf("listen=") + 7).split(" ")[0];
                // the handshake's last step is an ACK with no other flag: drop it, the listener waits
                server.exec("iptables", "-A", "INPUT", "-p", "tcp", "--dport", port, "--tcp-flags", "ALL", "ACK",
                        "-j", "DROP");
                try (Child connector = Child.wrapped(client.inside(List.of()), v4, NetChild.class, "connect",
                        "10.89.0.1", port, Integer.toString(CONNECTIONS))) {
                    assertThat(server.exec("ss", "-Htn", "state", "syn-recv").strip().split("\n"))
                            .as("half-open connections in the listener's namespace").hasSize(CONNECTIONS);
                    Exposition e = Exposition.parse(CollectorHarness.scrape(CollectorHarness.build(
                            ProcessDetailCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"))));
                    String g = "namedprocess_namegroup_connections{groupname=\"netchild_" + listener.pid + "\",protocol=\"tcp\",";
                    assertThat(e.value(g + "state=\"syn_recv\"}")).isEqualTo(CONNECTIONS);
                    assertThat(e.value(g + "state=\"listen\"}")).isEqualTo(1.0);
                    List<String> elsewhere = new ArrayList<>();
                    e.family("namedprocess_namegroup_connections").forEach((k, v) -> {
                        if (k.contains("syn_recv") && !k.contains("netchild_" + listener.pid + "\"")) {
                            elsewhere.add(k + " " + v);
                        }
                    });
                    assertThat(elsewhere).as("syn_recv counted for other groups").isEmpty();
                    // the client's side completed its handshake: established, not half-open
                    String c = "namedprocess_namegroup_connections{groupname=\"netchild_" + connector.pid
                            + "\",protocol=\"tcp\",";
                    assertThat(e.value(c + "state=\"established\"}")).isEqualTo(CONNECTIONS);
                }
            }
        }
    }
}
