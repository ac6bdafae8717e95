package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;

/** udp_queues, arp and os. */
class NetTablesAndOsCollectorsTest {
    private static Collector live(org.nodeprocessexporter.collector.CollectorSpec spec) throws Exception {
        return CollectorHarness.build(spec, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }

    @Test
    void udpQueuesFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(UdpQueuesCollector.SPEC)).isEqualTo("""
                # HELP node_udp_queues Number of allocated memory in the kernel for UDP datagrams in bytes.
                # TYPE node_udp_queues gauge
                node_udp_queues{ip="v4",queue="rx"} 0.0
                node_udp_queues{ip="v4",queue="tx"} 0.0
                node_udp_queues{ip="v6",queue="rx"} 0.0
                node_udp_queues{ip="v6",queue="tx"} 0.0
                """);
    }

    @Test
    void udpQueuesSumHexQueuesAndSkipAMissingUdp6(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/udp"), """
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  1: 00000000:0044 00000000:0000 07 00000100:00000a00 00:00000000 00000000     0        0 1 2 0000000000000000 0
                  2: 00000000:0045 00000000:0000 07 00000001:00000000 00:00000000 00000000     0        0 1 2 0000000000000000 0
                """);
        Collector c = CollectorHarness.build(UdpQueuesCollector.SPEC, proc, proc, proc);
        assertThat(ScrapedSamples.of(CollectorHarness.scrape(c))).containsExactly(
                org.assertj.core.api.Assertions.entry("node_udp_queues{ip=\"v4\",queue=\"rx\"}", 2560.0),
                org.assertj.core.api.Assertions.entry("node_udp_queues{ip=\"v4\",queue=\"tx\"}", 257.0));
        Files.delete(proc.resolve("net/udp"));
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void udpQueuesLiveHasBothVersions() throws Exception {
        assertThat(ScrapedSamples.of(CollectorHarness.scrape(live(UdpQueuesCollector.SPEC)))).hasSize(4);
    }

    @Test
    void arpEntriesPerDeviceWithFilters(@TempDir Path proc) throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(ArpCollector.SPEC)).isEqualTo("""
                # HELP node_arp_entries ARP entries by device
                # TYPE node_arp_entries gauge
                node_arp_entries{device="eth0"} 1.0
                """);
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/arp"), """
                IP address       HW type     Flags       HW address            Mask     Device
                192.0.2.1        0x1         0x2         02:fc:00:00:00:05     *        eth0
                192.0.2.2        0x1         0x2         02:fc:00:00:00:06     *        eth0
                198.51.100.1     0x1         0x0         00:00:00:00:00:00     *        br-lan
                """);
        assertThat(ScrapedSamples.of(CollectorHarness.scrape(CollectorHarness.build(ArpCollector.SPEC, proc, proc, proc))))
                .containsExactly(org.assertj.core.api.Assertions.entry("node_arp_entries{device=\"br-lan\"}", 1.0),
                        org.assertj.core.api.Assertions.entry("node_arp_entries{device=\"eth0\"}", 2.0));
        assertThat(ScrapedSamples.of(CollectorHarness.scrape(CollectorHarness.build(ArpCollector.SPEC, proc, proc, proc,
                "--collector.arp.device-exclude=^br"))).keySet()).containsExactly("node_arp_entries{device=\"eth0\"}");
        assertThatThrownBy(() -> CollectorHarness.build(ArpCollector.SPEC, proc, proc, proc,
                "--collector.arp.device-include=a", "--collector.arp.device-exclude=b"))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void arpLiveCountsTheLinesOfTheTable() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/arp"));
        double total = ScrapedSamples.of(CollectorHarness.scrape(live(ArpCollector.SPEC))).values().stream()
                .mapToDouble(Double::doubleValue).sum();
        assertThat(total).isEqualTo(lines.size() - 1);
    }

    @Test
    void osReleaseFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(OsCollector.SPEC)).isEqualTo("""
                # HELP node_os_info A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.
                # TYPE node_os_info gauge
                node_os_info{build_id="",id="debian",id_like="",image_id="",image_version="",name="Debian GNU/Linux",pretty_name="Debian GNU/Linux 12 (bookworm)",variant="",variant_id="",version="12 (bookworm)",version_codename="bookworm",version_id="12"} 1.0
                # HELP node_os_version Metric containing the major.minor part of the OS version.
                # TYPE node_os_version gauge
                node_os_version{id="debian",id_like="",name="Debian GNU/Linux"} 12.0
                """);
    }

    @Test
    void osReleaseFallsBackToUsrLibAndReportsSupportEnd(@TempDir Path root) throws Exception {
        Path lib = Files.createDirectories(root.resolve("usr/lib"));
        Files.writeString(lib.resolve("os-release"), """
                # comment
                NAME='Fedora Linux'
                ID=fedora
                VERSION_ID=40.1beta
                PRETTY_NAME="Fedora \\"Forty\\""
                SUPPORT_END=2025-05-13
                """);
        Collector c = CollectorHarness.build(OsCollector.SPEC, root, root, root);
        String text = CollectorHarness.scrape(c);
        assertThat(text).contains("pretty_name=\"Fedora \\\"Forty\\\"\"", "name=\"Fedora Linux\"",
                "node_os_version{id=\"fedora\",id_like=\"\",name=\"Fedora Linux\"} 40.1",
                "node_os_support_end_timestamp_seconds 1.7470944E9");
        Files.writeString(lib.resolve("os-release"), "ID=x\nSUPPORT_END=soon\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isNotInstanceOf(NoDataException.class);
        Files.delete(lib.resolve("os-release"));
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void osReleaseLiveNamesThisSystem() throws Exception {
        String id = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("ID="))
                .findFirst().orElseThrow().substring(3).replace("\"", "");
        assertThat(CollectorHarness.scrape(live(OsCollector.SPEC))).contains("id=\"" + id + "\"");
    }
}
