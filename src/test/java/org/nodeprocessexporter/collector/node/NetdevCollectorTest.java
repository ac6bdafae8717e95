package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.procfs.NetDev;

class NetdevCollectorTest {
    @Test
    void oneIncludedDeviceFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC, "--collector.netdev.device-include=^eth"))
                .isEqualTo("""
                # HELP node_network_receive_bytes_total Network device statistic receive_bytes.
                # TYPE node_network_receive_bytes_total counter
                node_network_receive_bytes_total{device="eth0"} 6.6035446E7
                # HELP node_network_receive_compressed_total Network device statistic receive_compressed.
                # TYPE node_network_receive_compressed_total counter
                node_network_receive_compressed_total{device="eth0"} 0.0
                # HELP node_network_receive_drop_total Network device statistic receive_drop.
                # TYPE node_network_receive_drop_total counter
                node_network_receive_drop_total{device="eth0"} 0.0
                # HELP node_network_receive_errs_total Network device statistic receive_errs.
                # TYPE node_network_receive_errs_total counter
                node_network_receive_errs_total{device="eth0"} 0.0
                # HELP node_network_receive_fifo_total Network device statistic receive_fifo.
                # TYPE node_network_receive_fifo_total counter
                node_network_receive_fifo_total{device="eth0"} 0.0
                # HELP node_network_receive_frame_total Network device statistic receive_frame.
                # TYPE node_network_receive_frame_total counter
                node_network_receive_frame_total{device="eth0"} 0.0
                # HELP node_network_receive_multicast_total Network device statistic receive_multicast.
                # TYPE node_network_receive_multicast_total counter
                node_network_receive_multicast_total{device="eth0"} 0.0
                # HELP node_network_receive_packets_total Network device statistic receive_packets.
                # TYPE node_network_receive_packets_total counter
                node_network_receive_packets_total{device="eth0"} 2415.0
                # HELP node_network_transmit_bytes_total Network device statistic transmit_bytes.
                # TYPE node_network_transmit_bytes_total counter
                node_network_transmit_bytes_total{device="eth0"} 341784.0
                # HELP node_network_transmit_carrier_total Network device statistic transmit_carrier.
                # TYPE node_network_transmit_carrier_total counter
                node_network_transmit_carrier_total{device="eth0"} 0.0
                # HELP node_network_transmit_colls_total Network device statistic transmit_colls.
                # TYPE node_network_transmit_colls_total counter
                node_network_transmit_colls_total{device="eth0"} 0.0
                # HELP node_network_transmit_compressed_total Network device statistic transmit_compressed.
                # TYPE node_network_transmit_compressed_total counter
                node_network_transmit_compressed_total{device="eth0"} 0.0
                # HELP node_network_transmit_drop_total Network device statistic transmit_drop.
                # TYPE node_network_transmit_drop_total counter
                node_network_transmit_drop_total{device="eth0"} 0.0
                # HELP node_network_transmit_errs_total Network device statistic transmit_errs.
                # TYPE node_network_transmit_errs_total counter
                node_network_transmit_errs_total{device="eth0"} 0.0
                # HELP node_network_transmit_fifo_total Network device statistic transmit_fifo.
                # TYPE node_network_transmit_fifo_total counter
                node_network_transmit_fifo_total{device="eth0"} 0.0
                # HELP node_network_transmit_packets_total Network device statistic transmit_packets.
                # TYPE node_network_transmit_packets_total counter
                node_network_transmit_packets_total{device="eth0"} 1926.0
                """);
    }

    @Test
    void excludeDropsMatchingDevicesAndTheDeprecatedNameStillWorks() throws Exception {
        String expected = """
                node_network_receive_packets_total{device="eth0"} 2415.0
                node_network_receive_packets_total{device="lo"} 258.0
                """;
        assertThat(ScrapedSamples.lines(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC,
                "--collector.netdev.device-exclude=^ifb"), "node_network_receive_packets_total{")).isEqualTo(expected);
        assertThat(ScrapedSamples.lines(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC,
                "--collector.netdev.device-blacklist=^ifb"), "node_network_receive_packets_total{")).isEqualTo(expected);
    }

    @Test
    void includeAndExcludeTogetherAreRefused() {
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(NetdevCollector.SPEC,
                "--collector.netdev.device-include=eth", "--collector.netdev.device-exclude=lo"))
                .isInstanceOf(UsageException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void detailedMetricsKeepTheKernelNames() throws Exception {
        String text = CollectorHarness.scrapeFixtures(NetdevCollector.SPEC, "--collector.netdev.enable-detailed-metrics",
                "--collector.netdev.device-include=^lo$");
        assertThat(text).contains("node_network_receive_errors_total{device=\"lo\"} 0.0",
                "node_network_transmit_dropped_total{device=\"lo\"} 0.0").doesNotContain("_errs_total");
    }

    @Test
    void ifaliasLabelFromSysfs(@TempDir Path root) throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc/net"));
        Files.copy(CollectorHarness.FIXTURES.resolve("proc/net/dev"), proc.resolve("dev"));
        Path eth0 = Files.createDirectories(root.resolve("sys/class/net/eth0"));
        Files.writeString(eth0.resolve("ifalias"), "uplink to core\n");
        Collector c = CollectorHarness.build(NetdevCollector.SPEC, root.resolve("proc"), root.resolve("sys"), root,
                "--collector.netdev.label-ifalias", "--collector.netdev.device-include=^(eth0|lo)$");
        assertThat(ScrapedSamples.lines(CollectorHarness.scrape(c), "node_network_transmit_packets_total{"))
                .isEqualTo("""
                node_network_transmit_packets_total{device="eth0",ifalias="uplink to core"} 1926.0
                node_network_transmit_packets_total{device="lo",ifalias=""} 258.0
                """);
    }

    @Test
    void addressesPrintAsGoPrintsThem() throws Exception {
        assertThat(NetdevCollector.goString(InetAddress.getByName("fe80:0:0:0:0:0:0:1"))).isEqualTo("fe80::1");
        assertThat(NetdevCollector.goString(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(NetdevCollector.goString(InetAddress.getByName("2001:db8:1:0:1:1:1:1"))).isEqualTo("2001:db8:1:0:1:1:1:1");
        assertThat(NetdevCollector.goString(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(NetdevCollector.scope(InetAddress.getByName("::1"))).isEqualTo("link-local");
        assertThat(NetdevCollector.scope(InetAddress.getByName("fe80::1"))).isEqualTo("link-local");
        assertThat(NetdevCollector.scope(InetAddress.getByName("10.1.2.3"))).isEqualTo("global");
        assertThat(NetdevCollector.scope(InetAddress.getByName("ff01::1"))).isEqualTo("interface-local");
        assertThat(NetdevCollector.scope(InetAddress.getByName("239.1.1.1"))).isEqualTo("");
    }

    @Test
    void liveLoopbackAddressAndCounters() throws Exception {
        Collector c = CollectorHarness.build(NetdevCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"),
                "--collector.netdev.address-info");
        List<NetDev.Device> before = NetDev.read(Path.of("/proc"));
        String text = CollectorHarness.scrape(c);
        List<NetDev.Device> after = NetDev.read(Path.of("/proc"));
        assertThat(text).contains("node_network_address_info{address=\"127.0.0.1\",device=\"lo\",netmask=\"8\",scope=\"link-local\"} 1.0");
        for (int i = 0; i < before.size(); i++) {
            String series = "node_network_receive_bytes_total{device=\"" + before.get(i).name() + "\"}";
            assertThat(ScrapedSamples.value(text, series)).isBetween(before.get(i).values()[0], after.get(i).values()[0]);
        }
        assertThat(NetworkInterface.getByName("lo")).isNotNull();
    }
}
