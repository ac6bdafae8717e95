package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;

class SockstatCollectorTest {
    @Test
    void bothFilesFromTheFixture() throws Exception {
        String text = CollectorHarness.scrapeFixtures(SockstatCollector.SPEC);
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("node_sockstat_FRAG6_inuse", 0.0);
        expected.put("node_sockstat_FRAG6_memory", 0.0);
        expected.put("node_sockstat_FRAG_inuse", 0.0);
        expected.put("node_sockstat_FRAG_memory", 0.0);
        expected.put("node_sockstat_RAW6_inuse", 0.0);
        expected.put("node_sockstat_RAW_inuse", 0.0);
        expected.put("node_sockstat_TCP6_inuse", 0.0);
        expected.put("node_sockstat_TCP_alloc", 6.0);
        expected.put("node_sockstat_TCP_inuse", 6.0);
        expected.put("node_sockstat_TCP_mem", 129.0);
        expected.put("node_sockstat_TCP_mem_bytes", 129.0 * 4096);
        expected.put("node_sockstat_TCP_orphan", 0.0);
        expected.put("node_sockstat_TCP_tw", 0.0);
        expected.put("node_sockstat_UDP6_inuse", 0.0);
        expected.put("node_sockstat_UDPLITE6_inuse", 0.0);
        expected.put("node_sockstat_UDPLITE_inuse", 0.0);
        expected.put("node_sockstat_UDP_inuse", 0.0);
        expected.put("node_sockstat_UDP_mem", 0.0);
        expected.put("node_sockstat_UDP_mem_bytes", 0.0);
        expected.put("node_sockstat_sockets_used", 24.0);
        assertThat(ScrapedSamples.of(text)).containsExactlyEntriesOf(expected);
        assertThat(ScrapedSamples.lines(text, "node_sockstat_TCP_mem_bytes")).isEqualTo("""
                # HELP node_sockstat_TCP_mem_bytes Number of TCP sockets in state mem_bytes.
                # TYPE node_sockstat_TCP_mem_bytes gauge
                node_sockstat_TCP_mem_bytes 528384.0
                """);
    }

    @Test
    void ipv6DisabledLeavesOnlyIpv4(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/sockstat"), "sockets: used 3\nTCP: inuse 1 orphan 0 tw 0 alloc 1 mem 2\n");
        Collector c = CollectorHarness.build(SockstatCollector.SPEC, proc, proc, proc);
        assertThat(ScrapedSamples.of(CollectorHarness.scrape(c)).keySet()).containsExactly(
                "node_sockstat_TCP_alloc", "node_sockstat_TCP_inuse", "node_sockstat_TCP_mem",
                "node_sockstat_TCP_mem_bytes", "node_sockstat_TCP_orphan", "node_sockstat_TCP_tw",
                "node_sockstat_sockets_used");
    }

    @Test
    void liveSocketsUsedMatchesTheFile() throws Exception {
        Collector c = CollectorHarness.build(SockstatCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        String text = CollectorHarness.scrape(c);
        assertThat(text).contains("node_sockstat_sockets_used ", "node_sockstat_TCP_inuse ", "node_sockstat_TCP6_inuse ");
        assertThat(ScrapedSamples.value(text, "node_sockstat_TCP_mem_bytes"))
                .isEqualTo(ScrapedSamples.value(text, "node_sockstat_TCP_mem") * 4096);
    }
}
