package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.Ipvs;

class IpvsCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        String out = CollectorHarness.scrapeFixtures(IpvsCollector.SPEC);
        Path expected = Path.of("src/test/resources/expected/ipvs.prom");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, out);
        }
        assertThat(out).isEqualTo(Files.readString(expected));
    }

    @Test
    void fewerLabelsSumTheBackendsThatShareThem() throws Exception {
        String out = CollectorHarness.scrapeFixtures(IpvsCollector.SPEC,
                "--collector.ipvs.backend-labels=proto,local_port");
        assertThat(out).contains(
                "node_ipvs_backend_connections_active{local_port=\"80\",proto=\"TCP\"} 19.0\n",
                "node_ipvs_backend_connections_active{local_port=\"443\",proto=\"TCP\"} 5.0\n",
                "node_ipvs_backend_weight{local_port=\"443\",proto=\"TCP\"} 3.0\n",
                "node_ipvs_backend_connections_inactive{local_port=\"0\",proto=\"FWM\"} 5.0\n");
        assertThat(out.lines().filter(l -> l.startsWith("node_ipvs_backend_weight{"))).hasSize(4);
    }

    @Test
    void noLabelsGivesOneSumPerFamily() throws Exception {
        String out = CollectorHarness.scrapeFixtures(IpvsCollector.SPEC, "--collector.ipvs.backend-labels=");
        assertThat(out).contains("node_ipvs_backend_connections_active 26.0\n", "node_ipvs_backend_weight 164.0\n");
    }

    @Test
    void unknownLabelIsAStartUpErrorNamingTheFlag() {
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(IpvsCollector.SPEC,
                "--collector.ipvs.backend-labels=proto,zone,foo"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--collector.ipvs.backend-labels")
                .hasMessageContaining("\"foo, zone\"");
    }

    @Test
    void readerDecodesHexAddressesPortsAndCounters() throws Exception {
        var stats = Ipvs.readStats(CollectorHarness.FIXTURES.resolve("proc"));
        assertThat(stats).isEqualTo(new Ipvs.Stats(0x1A2B3C, 0x4D5E6F7, 0, 0x89ABCDEF0L, 0));
        var backends = Ipvs.readBackends(CollectorHarness.FIXTURES.resolve("proc"));
        assertThat(backends).hasSize(6);
        assertThat(backends.get(0)).isEqualTo(
                new Ipvs.Backend("10.0.10.1", 80, "", "TCP", "10.0.20.1", 8080, 100, 12, 3));
        assertThat(backends.get(4)).isEqualTo(
                new Ipvs.Backend("2001:db8::35", 53, "", "UDP", "2001:db8::1:35", 53, 1, 0, 9));
        assertThat(backends.get(5)).isEqualTo(
                new Ipvs.Backend("", 0, "00000064", "FWM", "10.0.20.5", 3306, 10, 2, 5));
    }

    @Test
    void ipv4MappedAddressPrintsAsIpv4LikeGo() throws Exception {
        var b = Ipvs.parseBackends("TCP  [0000:0000:0000:0000:0000:ffff:0a00:0001]:0050 rr\n"
                + "  -> [0000:0000:0000:0000:0000:0000:0000:0001]:0050 Masq 1 0 0\n");
        assertThat(b.get(0).localAddress()).isEqualTo("10.0.0.1");
        assertThat(b.get(0).remoteAddress()).isEqualTo("::1");
    }

    @Test
    void aCorruptStatsFileIsAnError() {
        assertThatThrownBy(() -> Ipvs.parseStats("a\nb\n1 2 3\n")).hasMessageContaining("number of fields");
        assertThatThrownBy(() -> Ipvs.parseStats("a\nb\n1 2 3 4 X\n")).hasMessageContaining("X");
    }

    /** node_exporter 1.5 reports ipvs as not successful on this VM: no ip_vs module. */
    @Test
    void liveWithoutIpvsReportsNoData() throws Exception {
        var c = CollectorHarness.build(IpvsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        if (Files.exists(Path.of("/proc/net/ip_vs_stats"))) {
            assertThat(CollectorHarness.scrape(c)).contains("node_ipvs_connections_total "
                    + (double) Ipvs.readStats(Path.of("/proc")).connections());
        } else {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        }
    }

    @Test
    void missingFilesAreNoData(@TempDir Path proc) throws Exception {
        var c = CollectorHarness.build(IpvsCollector.SPEC, proc, proc, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }
}
