package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.Daemons;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SupervisordCollectorTest {
    private static CollectorContext context(String... args) throws Exception {
        return CollectorContext.fromFlags(CollectorHarness.flags(SupervisordCollector.SPEC, args));
    }

    private static Collector collector(String url, String... more) throws Exception {
        String[] args = new String[more.length + 1];
        args[0] = "--collector.supervisord.url=" + url;
        System.arraycopy(more, 0, args, 1, more.length);
        return SupervisordCollector.SPEC.factory().create(context(args));
    }

    /**
     * What the exposition must say about each process, built from supervisord's own answer to
     * getAllProcessInfo (read with the JDK's DOM parser, not the collector's).
     */
    private static String expected(Daemons.Supervisord s) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(s.call("supervisor.getAllProcessInfo").getBytes(StandardCharsets.UTF_8)));
        NodeList structs = doc.getElementsByTagName("struct");
        Map<String, StringBuilder> families = new TreeMap<>();
        for (int i = 0; i < structs.getLength(); i++) {
            Map<String, String> m = new TreeMap<>();
            NodeList members = ((Element) structs.item(i)).getElementsByTagName("member");
            for (int k = 0; k < members.getLength(); k++) {
                Element member = (Element) members.item(k);
                m.put(member.getElementsByTagName("name").item(0).getTextContent(),
                        member.getElementsByTagName("value").item(0).getTextContent());
            }
            String labels = "{group=\"" + m.get("group") + "\",name=\"" + m.get("name") + "\"} ";
            int state = Integer.parseInt(m.get("state"));
            boolean up = state == 10 || state == 20 || state == 40;
            families.computeIfAbsent("exit_status", k -> new StringBuilder())
                    .append("node_supervisord_exit_status").append(labels).append(m.get("exitstatus")).append(".0\n");
            if (up) {
                families.computeIfAbsent("start_time_seconds", k -> new StringBuilder())
                        .append("node_supervisord_start_time_seconds").append(labels)
                        .append((double) Long.parseLong(m.get("start"))).append('\n');
            }
            families.computeIfAbsent("state", k -> new StringBuilder())
                    .append("node_supervisord_state").append(labels).append(state).append(".0\n");
            families.computeIfAbsent("up", k -> new StringBuilder())
                    .append("node_supervisord_up").append(labels).append(up ? "1.0" : "0.0").append('\n');
        }
        Map<String, String> heads = Map.of("exit_status", "gauge Process Exit Status", "start_time_seconds",
                "untyped Process start time", "state", "gauge Process State", "up", "gauge Process Up");
        StringBuilder out = new StringBuilder();
        for (var f : families.entrySet()) {
            String[] typeHelp = heads.get(f.getKey()).split(" ", 2);
            String name = "node_supervisord_" + f.getKey();
            out.append("# HELP ").append(name).append(' ').append(typeHelp[1]).append('\n')
                    .append("# TYPE ").append(name).append(' ').append(typeHelp[0]).append('\n').append(f.getValue());
        }
        return out.toString();
    }

    @Test
    void liveSupervisordOverHttpAndItsUnixSocket(@TempDir Path dir) throws Exception {
        try (Daemons.Supervisord s = Daemons.Supervisord.start(dir)) {
            Collector http = collector(s.url());
            Collector unix = collector("unix://" + s.socket);
            String out = CollectorHarness.scrape(http);
            assertThat(out).isEqualTo(expected(s)).contains("node_supervisord_up{group=\"runner\",name=\"runner\"} 1.0")
                    .contains("node_supervisord_state{group=\"idle\",name=\"idle\"} 0.0")
                    .doesNotContain("node_supervisord_start_time_seconds{group=\"idle\"");
            assertThat(CollectorHarness.scrape(unix)).isEqualTo(out);

            // stopped through the API: down, no start time; the other one started
            assertThat(s.call("supervisor.stopProcess", "runner")).contains("<boolean>1</boolean>");
            assertThat(s.call("supervisor.startProcess", "idle")).contains("<boolean>1</boolean>");
            out = CollectorHarness.scrape(http);
            assertThat(out).isEqualTo(expected(s)).contains("node_supervisord_up{group=\"runner\",name=\"runner\"} 0.0")
                    .contains("node_supervisord_up{group=\"idle\",name=\"idle\"} 1.0")
                    .contains("node_supervisord_start_time_seconds{group=\"idle\",name=\"idle\"}")
                    .doesNotContain("node_supervisord_start_time_seconds{group=\"runner\"");
            assertThat(CollectorHarness.scrape(unix)).isEqualTo(out);
        }
    }

    @Test
    void nobodyListeningFailsTheScrape() throws Exception {
        int port = Daemons.freeTcpPort();
        assertThatThrownBy(() -> CollectorHarness.scrape(collector("http://127.0.0.1:" + port + "/RPC2")))
                .hasMessageStartingWith("unable to call supervisord: ").hasMessageContaining("Connection refused");
    }

    @Test
    void aHungSupervisordEndsWithinTheScrapeTimeout() throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Collector c = collector("http://127.0.0.1:" + hung.getLocalPort() + "/RPC2", "--collector.scrape-timeout=500ms");
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageEndingWith(": i/o timeout");
        }
    }

    @Test
    void theUrlComesFromTheFlagThenTheEnvironmentThenTheDefault() throws Exception {
        assertThat(SupervisordCollector.url(context(), null)).isEqualTo("http://localhost:9001/RPC2");
        assertThat(SupervisordCollector.url(context(), "")).isEqualTo("http://localhost:9001/RPC2");
        assertThat(SupervisordCollector.url(context(), "unix:///run/supervisor.sock")).isEqualTo("unix:///run/supervisor.sock");
        assertThat(SupervisordCollector.url(context("--collector.supervisord.url=http://h:1/RPC2"), "unix:///x"))
                .isEqualTo("http://h:1/RPC2");
    }

    @Test
    void aUrlWeCannotPostToStopsStartUpNamingTheFlag() {
        assertThatThrownBy(() -> collector("gopher://localhost/RPC2")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--collector.supervisord.url: unsupported scheme \"gopher\"");
    }
}
