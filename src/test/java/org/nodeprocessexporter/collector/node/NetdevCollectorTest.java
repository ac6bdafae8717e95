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
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.sysfs.NetStatistics;

class NetdevCollectorTest {
    private static final String PROC = "--no-collector.netdev.netlink";

    @Test
    void procNetDevPathOneIncludedDevice() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC, PROC, "--collector.netdev.device-include=^eth"))
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
        assertThat(ScrapedSamples.lines(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC, PROC,
                "--collector.netdev.device-exclude=^ifb"), "node_network_receive_packets_total{")).isEqualTo(expected);
        assertThat(ScrapedSamples.lines(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC, PROC,
                "--collector.netdev.device-blacklist=^ifb"), "node_network_receive_packets_total{")).isEqualTo(expected);
    }

    @Test
    void includeAndExcludeTogetherAreRefused() {
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(NetdevCollector.SPEC,
                "--collector.netdev.device-include=eth", "--collector.netdev.device-exclude=lo"))
                .isInstanceOf(UsageException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void procNetDevPathDetailedMetricsKeepTheKernelNames() throws Exception {
        String text = CollectorHarness.scrapeFixtures(NetdevCollector.SPEC, PROC, "--collector.netdev.enable-detailed-metrics",
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
        Collector c = CollectorHarness.build(NetdevCollector.SPEC, root.resolve("proc"), root.resolve("sys"), root, PROC,
                "--collector.netdev.label-ifalias", "--collector.netdev.device-include=^(eth0|lo)$");
        assertThat(ScrapedSamples.lines(CollectorHarness.scrape(c), "node_network_transmit_packets_total{"))
                .isEqualTo("""
                node_network_transmit_packets_total{device="eth0",ifalias="uplink to core"} 1926.0
                node_network_transmit_packets_total{device="lo",ifalias=""} 258.0
                """);
    }

    @Test
    void defaultPathIsProcNetDevPlusNohandlerFromSysfs(@TempDir Path root) throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc/net"));
        Files.copy(CollectorHarness.FIXTURES.resolve("proc/net/dev"), proc.resolve("dev"));
        Path eth0 = Files.createDirectories(root.resolve("sys/class/net/eth0/statistics"));
        Files.writeString(eth0.resolve("rx_nohandler"), "5\n");
        Files.writeString(eth0.resolve("rx_bytes"), "999\n"); // not read: the bytes come from /proc/net/dev
        Path lo = Files.createDirectories(root.resolve("sys/class/net/lo/statistics"));
        Files.writeString(lo.resolve("rx_nohandler"), "0\n");
        Collector c = CollectorHarness.build(NetdevCollector.SPEC, root.resolve("proc"), root.resolve("sys"), root);
        String text = CollectorHarness.scrape(c);
        // ifb0 and ifb1 have no sysfs entry here: their nohandler series is left out rather than made up.
        assertThat(ScrapedSamples.lines(text, "node_network_receive_nohandler_total")).isEqualTo("""
                # HELP node_network_receive_nohandler_total Network device statistic receive_nohandler.
                # TYPE node_network_receive_nohandler_total counter
                node_network_receive_nohandler_total{device="eth0"} 5.0
                node_network_receive_nohandler_total{device="lo"} 0.0
                """);
        assertThat(ScrapedSamples.lines(text, "node_network_receive_bytes_total{")).isEqualTo("""
                node_network_receive_bytes_total{device="eth0"} 6.6035446E7
                node_network_receive_bytes_total{device="ifb0"} 0.0
                node_network_receive_bytes_total{device="ifb1"} 0.0
                node_network_receive_bytes_total{device="lo"} 317537.0
                """);
        assertThat(text.lines().filter(l -> l.startsWith("# TYPE ")).count()).isEqualTo(17);
        assertThat(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC, PROC)).doesNotContain("nohandler");
    }

    @Test
    void netlinkPathDetailedMetricsAreTheKernelCountersOneByOne() throws Exception {
        String text = CollectorHarness.scrapeFixtures(NetdevCollector.SPEC, "--collector.netdev.enable-detailed-metrics",
                "--collector.netdev.device-include=^enp3s0$");
        StringBuilder expected = new StringBuilder();
        String[] names = {"receive_packets", "transmit_packets", "receive_bytes", "transmit_bytes", "receive_errors",
            "transmit_errors", "receive_dropped", "transmit_dropped", "multicast", "collisions",
            "receive_length_errors", "receive_over_errors", "receive_crc_errors", "receive_frame_errors",
            "receive_fifo_errors", "receive_missed_errors", "transmit_aborted_errors", "transmit_carrier_errors",
            "transmit_fifo_errors", "transmit_heartbeat_errors", "transmit_window_errors", "receive_compressed",
            "transmit_compressed", "receive_nohandler"};
        for (int i = 0; i < names.length; i++) {
            double v = names[i].equals("receive_bytes") ? 98765432109.0 : names[i].equals("transmit_bytes") ? 12345678901.0 : i + 1;
            expected.append("# HELP node_network_").append(names[i]).append("_total Network device statistic ")
                    .append(names[i]).append(".\n");
            assertThat(text).contains("node_network_" + names[i] + "_total{device=\"enp3s0\"} " + v + "\n");
        }
        assertThat(text.lines().filter(l -> l.startsWith("# HELP ")).sorted().toList())
                .isEqualTo(expected.toString().lines().sorted().toList());
    }

    @Test
    void detailedNetlinkPathListsTheInterfacesWithStatisticsAndFilters() throws Exception {
        // bond0 in the fixture has no statistics/ directory, bonding_masters is a file: both skipped.
        assertThat(ScrapedSamples.lines(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC,
                "--collector.netdev.enable-detailed-metrics"), "node_network_transmit_packets_total{")).isEqualTo("""
                node_network_transmit_packets_total{device="enp3s0"} 2.0
                node_network_transmit_packets_total{device="eth0"} 1975.0
                node_network_transmit_packets_total{device="lo"} 2125585.0
                """);
        assertThat(ScrapedSamples.lines(CollectorHarness.scrapeFixtures(NetdevCollector.SPEC,
                "--collector.netdev.enable-detailed-metrics", "--collector.netdev.device-exclude=^e",
                "--collector.netdev.label-ifalias"), "node_network_receive_nohandler_total{")).isEqualTo("""
                node_network_receive_nohandler_total{device="lo",ifalias=""} 0.0
                """);
    }

    @Test
    void statisticsReaderSkipsWhatIsNotAnInterfaceAndZeroesAMissingCounter(@TempDir Path sys) throws Exception {
        Path stats = Files.createDirectories(sys.resolve("class/net/old0/statistics"));
        for (String f : NetStatistics.FILES) {
            if (!f.equals("rx_nohandler")) {
                Files.writeString(stats.resolve(f), "7\n");
            }
        }
        Files.createDirectories(sys.resolve("class/net/nostats0"));
        Files.writeString(sys.resolve("class/net/bonding_masters"), "bond0\n");
        assertThat(NetStatistics.interfaces(sys)).containsExactly("nostats0", "old0");
        double[] v = new double[NetStatistics.COUNT];
        ProcFile buf = new ProcFile(64);
        assertThat(NetStatistics.read(sys.resolve("class/net/nostats0"), buf, v)).isFalse();
        assertThat(NetStatistics.read(sys.resolve("class/net/old0"), buf, v)).isTrue();
        assertThat(v[NetStatistics.RX_NOHANDLER]).isZero();
        assertThat(v[NetStatistics.RX_BYTES]).isEqualTo(7.0);
        assertThat(NetStatistics.parse("18446744073709551615\n")).isEqualTo(1.8446744073709552E19);
        assertThat(NetStatistics.parse("garbage")).isZero();
    }

    @Test
    void liveDefaultAndDetailedPathsAgreeWithProcNetDevAndSysfs() throws Exception {
        Collector c = CollectorHarness.build(NetdevCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        Collector detailed = CollectorHarness.build(NetdevCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"),
                "--collector.netdev.enable-detailed-metrics");
        String[] legacyNames = {"receive_bytes", "receive_packets", "receive_errs", "receive_drop", "receive_fifo",
            "receive_frame", "receive_compressed", "receive_multicast", "transmit_bytes", "transmit_packets",
            "transmit_errs", "transmit_drop", "transmit_fifo", "transmit_colls", "transmit_carrier",
            "transmit_compressed"};
        List<NetDev.Device> before = NetDev.read(Path.of("/proc"));
        String legacyText = CollectorHarness.scrape(c);
        String detailedText = CollectorHarness.scrape(detailed);
        List<NetDev.Device> after = NetDev.read(Path.of("/proc"));
        assertThat(before).isNotEmpty();
        for (int i = 0; i < before.size(); i++) {
            String dev = before.get(i).name();
            for (int col = 0; col < legacyNames.length; col++) {
                String series = "node_network_" + legacyNames[col] + "_total{device=\"" + dev + "\"}";
                assertThat(ScrapedSamples.value(legacyText, series)).as(series)
                        .isBetween(before.get(i).values()[col], after.get(i).values()[col]);
            }
            for (int col : new int[] {0, 1, 2, 8, 9, 10, 11}) { // the same counter under the same name both ways
                String series = "node_network_" + NetDev.COLUMNS[col] + "_total{device=\"" + dev + "\"}";
                assertThat(ScrapedSamples.value(detailedText, series)).as(series)
                        .isBetween(before.get(i).values()[col], after.get(i).values()[col]);
            }
            double nohandler = Double.parseDouble(
                    Files.readString(Path.of("/sys/class/net", dev, "statistics/rx_nohandler")).trim());
            for (String text : List.of(legacyText, detailedText)) {
                assertThat(ScrapedSamples.value(text, "node_network_receive_nohandler_total{device=\"" + dev + "\"}"))
                        .isLessThanOrEqualTo(nohandler);
            }
        }
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
        Collector c = CollectorHarness.build(NetdevCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"), PROC,
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
