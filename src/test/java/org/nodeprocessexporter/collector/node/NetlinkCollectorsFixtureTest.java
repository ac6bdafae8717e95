package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sys.EthtoolIoctl;
import org.nodeprocessexporter.sys.netlink.InetDiag;
import org.nodeprocessexporter.sys.netlink.NetlinkMessages;
import org.nodeprocessexporter.sys.netlink.RtNetlink;

/**
 * The netlink collectors' output, exactly: qdisc and wifi over upstream's fixture layout
 * ({@code --collector.*.fixtures}), network_route and tcpstat over the replies captured by
 * {@code scripts/capture-fixtures-netlink.sh}, ethtool's naming over hand-made statistics.
 */
class NetlinkCollectorsFixtureTest {
    private static final Path FIX = CollectorHarness.FIXTURES;

    @Test
    void qdiscReportsRootQdiscsOfTheFixture() throws Exception {
        String out = CollectorHarness.scrapeFixtures(QdiscCollector.SPEC, "--collector.qdisc.fixtures=" + FIX.resolve("qdisc"));
        assertThat(out).isEqualTo("""
                # HELP node_qdisc_backlog Number of bytes currently in queue to be sent.
                # TYPE node_qdisc_backlog gauge
                node_qdisc_backlog{device="eth0",kind="htb"} 3000.0
                node_qdisc_backlog{device="wlan0",kind="mq"} 0.0
                # HELP node_qdisc_bytes_total Number of bytes sent.
                # TYPE node_qdisc_bytes_total counter
                node_qdisc_bytes_total{device="eth0",kind="htb"} 1843200.0
                node_qdisc_bytes_total{device="wlan0",kind="mq"} 1.8446744073709552E19
                # HELP node_qdisc_current_queue_length Number of packets currently in queue to be sent.
                # TYPE node_qdisc_current_queue_length gauge
                node_qdisc_current_queue_length{device="eth0",kind="htb"} 2.0
                node_qdisc_current_queue_length{device="wlan0",kind="mq"} 0.0
                # HELP node_qdisc_drops_total Number of packets dropped.
                # TYPE node_qdisc_drops_total counter
                node_qdisc_drops_total{device="eth0",kind="htb"} 3.0
                node_qdisc_drops_total{device="wlan0",kind="mq"} 0.0
                # HELP node_qdisc_overlimits_total Number of overlimit packets.
                # TYPE node_qdisc_overlimits_total counter
                node_qdisc_overlimits_total{device="eth0",kind="htb"} 17.0
                node_qdisc_overlimits_total{device="wlan0",kind="mq"} 0.0
                # HELP node_qdisc_packets_total Number of packets sent.
                # TYPE node_qdisc_packets_total counter
                node_qdisc_packets_total{device="eth0",kind="htb"} 2400.0
                node_qdisc_packets_total{device="wlan0",kind="mq"} 4.294967295E9
                # HELP node_qdisc_requeues_total Number of packets dequeued, not transmitted, and requeued.
                # TYPE node_qdisc_requeues_total counter
                node_qdisc_requeues_total{device="eth0",kind="htb"} 1.0
                node_qdisc_requeues_total{device="wlan0",kind="mq"} 0.0
                """);
    }

    @Test
    void qdiscDeviceFiltersAndTheirDeprecatedNames() throws Exception {
        String dir = "--collector.qdisc.fixtures=" + FIX.resolve("qdisc");
        assertThat(CollectorHarness.scrapeFixtures(QdiscCollector.SPEC, dir, "--collector.qdisc.device-include=^wlan"))
                .contains("device=\"wlan0\"").doesNotContain("eth0");
        assertThat(CollectorHarness.scrapeFixtures(QdiscCollector.SPEC, dir, "--collector.qdisk.device-exclude=^wlan"))
                .contains("device=\"eth0\"").doesNotContain("wlan0");
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(QdiscCollector.SPEC, dir,
                "--collector.qdisc.device-include=a", "--collector.qdisc.device-exclude=b"))
                .isInstanceOf(UsageException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void qdiscFixturesThatAreMissingFailTheCollector() {
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(QdiscCollector.SPEC,
                "--collector.qdisc.fixtures=" + FIX.resolve("nonexistent"))).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void wifiOverTheFixtureLayout() throws Exception {
        String out = CollectorHarness.scrapeFixtures(WifiCollector.SPEC, "--collector.wifi.fixtures=" + FIX.resolve("wifi"));
        assertThat(out).isEqualTo("""
                # HELP node_wifi_interface_frequency_hertz The current frequency a WiFi interface is operating at, in hertz.
                # TYPE node_wifi_interface_frequency_hertz gauge
                node_wifi_interface_frequency_hertz{device="wlan0"} 5.18E9
                node_wifi_interface_frequency_hertz{device="wlan1"} 2.437E9
                # HELP node_wifi_station_beacon_loss_total The total number of times a station has detected a beacon loss.
                # TYPE node_wifi_station_beacon_loss_total counter
                node_wifi_station_beacon_loss_total{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 0.0
                # HELP node_wifi_station_connected_seconds_total The total number of seconds a station has been connected to an access point.
                # TYPE node_wifi_station_connected_seconds_total counter
                node_wifi_station_connected_seconds_total{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 4500.0
                # HELP node_wifi_station_inactive_seconds The number of seconds since any wireless activity has occurred on a station.
                # TYPE node_wifi_station_inactive_seconds gauge
                node_wifi_station_inactive_seconds{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 0.25
                # HELP node_wifi_station_info Labeled WiFi interface station information as provided by the operating system.
                # TYPE node_wifi_station_info gauge
                node_wifi_station_info{bssid="aa:bb:cc:dd:ee:ff",device="wlan0",mode="client",ssid="Lab \\"5G\\""} 1.0
                # HELP node_wifi_station_receive_bits_per_second The current WiFi receive bitrate of a station, in bits per second.
                # TYPE node_wifi_station_receive_bits_per_second gauge
                node_wifi_station_receive_bits_per_second{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 8.667E8
                # HELP node_wifi_station_receive_bytes_total The total number of bytes received by a WiFi station.
                # TYPE node_wifi_station_receive_bytes_total counter
                node_wifi_station_receive_bytes_total{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 1.23456789E8
                # HELP node_wifi_station_signal_dbm The current WiFi signal strength, in decibel-milliwatts (dBm).
                # TYPE node_wifi_station_signal_dbm gauge
                node_wifi_station_signal_dbm{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} -48.0
                # HELP node_wifi_station_transmit_bits_per_second The current WiFi transmit bitrate of a station, in bits per second.
                # TYPE node_wifi_station_transmit_bits_per_second gauge
                node_wifi_station_transmit_bits_per_second{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 7.8E8
                # HELP node_wifi_station_transmit_bytes_total The total number of bytes transmitted by a WiFi station.
                # TYPE node_wifi_station_transmit_bytes_total counter
                node_wifi_station_transmit_bytes_total{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 9.8765432E7
                # HELP node_wifi_station_transmit_failed_total The total number of times a station has failed to send a packet.
                # TYPE node_wifi_station_transmit_failed_total counter
                node_wifi_station_transmit_failed_total{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 1.0
                # HELP node_wifi_station_transmit_retries_total The total number of times a station has had to retry while sending a packet.
                # TYPE node_wifi_station_transmit_retries_total counter
                node_wifi_station_transmit_retries_total{device="wlan0",mac_address="aa:bb:cc:dd:ee:ff"} 12.0
                """);
    }

    @Test
    void wifiModesFollowTheLibrarysStatusNumbers() {
        assertThat(WifiCollector.mode(0)).isEqualTo("client");
        assertThat(WifiCollector.mode(1)).isEqualTo("client");
        assertThat(WifiCollector.mode(2)).isEqualTo("unknown");
        assertThat(WifiCollector.mode(3)).isEqualTo("ad-hoc");
    }

    private static ByteBuffer captured(String name) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(Path.of("src/test/resources/fixtures/netlink", name)))
                .order(ByteOrder.nativeOrder());
    }

    @Test
    void networkRouteOverCapturedReplies() throws Exception {
        Map<Integer, String> links = new HashMap<>();
        NetlinkMessages.walk(captured("link.bin"), 0, (t, b, o, l) -> RtNetlink.parseLink(b, o, l, links),
                new NetlinkMessages.Tally());
        List<RtNetlink.Route> routes = new ArrayList<>();
        NetlinkMessages.walk(captured("route.bin"), 0, (t, b, o, l) -> routes.add(RtNetlink.parseRoute(b, o, l)),
                new NetlinkMessages.Tally());
        MetricSink sink = new MetricSink();
        NetworkRouteCollector.emit(sink, links, routes);
        assertThat(CollectorHarness.text(sink.snapshots())).isEqualTo("""
                # HELP node_network_route_info network routing table information
                # TYPE node_network_route_info gauge
                node_network_route_info{dest="10.66.0.0/16",device="va",gw="10.98.0.2",priority="0",proto="boot",src="",weight="2"} 1.0
                node_network_route_info{dest="10.66.0.0/16",device="vc",gw="10.98.1.2",priority="0",proto="boot",src="",weight="1"} 1.0
                node_network_route_info{dest="10.77.0.0/16",device="va",gw="10.98.0.2",priority="5",proto="boot",src="",weight=""} 1.0
                node_network_route_info{dest="10.98.0.0/24",device="va",gw="",priority="0",proto="kernel",src="10.98.0.1",weight=""} 1.0
                node_network_route_info{dest="10.98.1.0/24",device="vc",gw="",priority="0",proto="kernel",src="10.98.1.1",weight=""} 1.0
                node_network_route_info{dest="fd00:98::/64",device="va",gw="",priority="256",proto="kernel",src="",weight=""} 1.0
                node_network_route_info{dest="fe80::/64",device="va",gw="",priority="256",proto="kernel",src="",weight=""} 1.0
                node_network_route_info{dest="fe80::/64",device="vb",gw="",priority="256",proto="kernel",src="",weight=""} 1.0
                node_network_route_info{dest="fe80::/64",device="vc",gw="",priority="256",proto="kernel",src="",weight=""} 1.0
                node_network_route_info{dest="fe80::/64",device="vd",gw="",priority="256",proto="kernel",src="",weight=""} 1.0
                # HELP node_network_routes network routes by interface
                # TYPE node_network_routes gauge
                node_network_routes{device="va"} 5.0
                node_network_routes{device="vb"} 1.0
                node_network_routes{device="vc"} 3.0
                node_network_routes{device="vd"} 1.0
                """);
    }

    @Test
    void tcpstatOverCapturedReplies() throws Exception {
        InetDiag.TcpCounts counts = new InetDiag.TcpCounts();
        NetlinkMessages.walk(captured("inet_diag4.bin"), 0, (t, b, o, l) -> InetDiag.add(b, o, l, counts),
                new NetlinkMessages.Tally());
        NetlinkMessages.walk(captured("inet_diag6.bin"), 0, (t, b, o, l) -> InetDiag.add(b, o, l, counts),
                new NetlinkMessages.Tally());
        MetricSink sink = new MetricSink();
        TcpstatCollector.emit(sink, counts);
        assertThat(CollectorHarness.text(sink.snapshots())).isEqualTo("""
                # HELP node_tcp_connection_states Number of connection states.
                # TYPE node_tcp_connection_states gauge
                node_tcp_connection_states{state="established"} 2.0
                node_tcp_connection_states{state="listen"} 2.0
                node_tcp_connection_states{state="rx_queued_bytes"} 0.0
                node_tcp_connection_states{state="time_wait"} 1.0
                node_tcp_connection_states{state="tx_queued_bytes"} 16.0
                """);
        MetricSink empty = new MetricSink();
        TcpstatCollector.emit(empty, new InetDiag.TcpCounts());
        assertThat(empty.snapshots()).as("no socket, no series, as upstream").isEmpty();
    }

    @Test
    void ethtoolNamesStatisticsAsUpstream() throws Exception {
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("rx_bytes", 100L);
        stats.put("tx_packets", 7L);
        stats.put("RX_Missed", 3L);
        stats.put("port.rx_dropped", 9L); // sanitized to port_rx_dropped: upstream reads 0 under that name
        stats.put("tx-queue-0", 5L);
        stats.put("tx_queue_0", 6L); // collides with tx-queue-0 once sanitized: both dropped
        stats.put("xdp_tx_errors", 2L);
        stats.put("skipped_by_pattern", 1L);
        EthtoolCollector c = (EthtoolCollector) CollectorHarness.build(EthtoolCollector.SPEC, FIX.resolve("proc"),
                FIX.resolve("sys"), FIX.resolve("rootfs"), "--collector.ethtool.metrics-include=^(?!skipped)");
        MetricSink sink = new MetricSink();
        c.stats(sink, "eth0", stats);
        assertThat(CollectorHarness.text(sink.snapshots())).isEqualTo("""
                # HELP node_ethtool_port_received_dropped Network interface port_rx_dropped
                # TYPE node_ethtool_port_received_dropped untyped
                node_ethtool_port_received_dropped{device="eth0"} 0.0
                # HELP node_ethtool_received_bytes_total Network interface bytes received
                # TYPE node_ethtool_received_bytes_total untyped
                node_ethtool_received_bytes_total{device="eth0"} 100.0
                # HELP node_ethtool_received_missed Network interface RX_Missed
                # TYPE node_ethtool_received_missed untyped
                node_ethtool_received_missed{device="eth0"} 3.0
                # HELP node_ethtool_transmitted_packets_total Network interface packets sent
                # TYPE node_ethtool_transmitted_packets_total untyped
                node_ethtool_transmitted_packets_total{device="eth0"} 7.0
                # HELP node_ethtool_xdp_transmitted_errors Network interface xdp_tx_errors
                # TYPE node_ethtool_xdp_transmitted_errors untyped
                node_ethtool_xdp_transmitted_errors{device="eth0"} 2.0
                """);
    }

    @Test
    void ethtoolLinkModesAsUpstreamListsThem() throws Exception {
        // 1000baseT/Full (5), 100baseT/Full (3), Autoneg (6), TP (7), Pause (13); advertised: 1000baseT/Full, Autoneg
        long supported = (1L << 5) | (1L << 3) | (1L << 6) | (1L << 7) | (1L << 13);
        long advertised = (1L << 5) | (1L << 6);
        MetricSink sink = new MetricSink();
        EthtoolCollector.linkModes(sink, "eth0", new EthtoolIoctl.LinkSettings(supported, advertised, 1));
        String out = CollectorHarness.text(sink.snapshots());
        assertThat(out).contains("""
                node_network_supported_speed_bytes{device="eth0",duplex="full",mode="1000baseT"} 1.25E8
                node_network_supported_speed_bytes{device="eth0",duplex="full",mode="100baseT"} 1.25E7
                """).contains("node_network_supported_port_info{device=\"eth0\",type=\"TP\"} 1.0")
                .contains("node_network_pause_supported{device=\"eth0\"} 1.0")
                .contains("node_network_pause_advertised{device=\"eth0\"} 0.0")
                .contains("node_network_autonegotiate_advertised{device=\"eth0\"} 1.0")
                .contains("node_network_asymmetricpause_supported{device=\"eth0\"} 0.0")
                .contains("node_network_autonegotiate{device=\"eth0\"} 1.0")
                .contains("# HELP node_network_pause_advertised If this port device offers pause capability\n")
                .contains("node_network_advertised_speed_bytes{device=\"eth0\",duplex=\"full\",mode=\"1000baseT\"} 1.25E8");
        assertThat(out).as("only the modes whose bits are set").doesNotContain("mode=\"10baseT\"").doesNotContain("half");
    }
}
