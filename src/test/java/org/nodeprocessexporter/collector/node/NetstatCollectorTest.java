package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.procfs.NetSnmp;

class NetstatCollectorTest {
    @Test
    void theDefaultFieldsFromTheFixture() throws Exception {
        String text = CollectorHarness.scrapeFixtures(NetstatCollector.SPEC);
        Map<String, Double> samples = ScrapedSamples.of(text);
        assertThat(samples.keySet()).containsExactly(
                "node_netstat_Icmp6_InErrors", "node_netstat_Icmp6_InMsgs", "node_netstat_Icmp6_OutMsgs",
                "node_netstat_Icmp_InErrors", "node_netstat_Icmp_InMsgs", "node_netstat_Icmp_OutMsgs",
                "node_netstat_Ip6_InOctets", "node_netstat_Ip6_OutOctets", "node_netstat_IpExt_InOctets",
                "node_netstat_IpExt_OutOctets", "node_netstat_Ip_Forwarding", "node_netstat_TcpExt_ListenDrops",
                "node_netstat_TcpExt_ListenOverflows", "node_netstat_TcpExt_SyncookiesFailed",
                "node_netstat_TcpExt_SyncookiesRecv", "node_netstat_TcpExt_SyncookiesSent",
                "node_netstat_TcpExt_TCPOFOQueue", "node_netstat_TcpExt_TCPRcvQDrop",
                "node_netstat_TcpExt_TCPSynRetrans", "node_netstat_TcpExt_TCPTimeouts",
                "node_netstat_Tcp_ActiveOpens", "node_netstat_Tcp_CurrEstab", "node_netstat_Tcp_InErrs",
                "node_netstat_Tcp_InSegs", "node_netstat_Tcp_OutRsts", "node_netstat_Tcp_OutSegs",
                "node_netstat_Tcp_PassiveOpens", "node_netstat_Tcp_RetransSegs", "node_netstat_Udp6_InDatagrams",
                "node_netstat_Udp6_InErrors", "node_netstat_Udp6_NoPorts", "node_netstat_Udp6_OutDatagrams",
                "node_netstat_Udp6_RcvbufErrors", "node_netstat_Udp6_SndbufErrors",
                "node_netstat_UdpLite6_InErrors", "node_netstat_UdpLite_InErrors", "node_netstat_Udp_InDatagrams",
                "node_netstat_Udp_InErrors", "node_netstat_Udp_NoPorts", "node_netstat_Udp_OutDatagrams",
                "node_netstat_Udp_RcvbufErrors", "node_netstat_Udp_SndbufErrors");
        assertThat(samples.get("node_netstat_IpExt_InOctets")).isEqualTo(66319017);
        assertThat(samples.get("node_netstat_Ip6_OutOctets")).isEqualTo(880);
        assertThat(samples.get("node_netstat_Tcp_InSegs")).isEqualTo(2641);
        assertThat(samples.get("node_netstat_TcpExt_TCPTimeouts")).isEqualTo(2);
        assertThat(ScrapedSamples.lines(text, "node_netstat_Ip_Forwarding")).isEqualTo("""
                # HELP node_netstat_Ip_Forwarding Statistic IpForwarding.
                # TYPE node_netstat_Ip_Forwarding untyped
                node_netstat_Ip_Forwarding 2.0
                """);
    }

    @Test
    void snmp6IsOptionalAndMismatchedLinesAreAnError(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/netstat"), "TcpExt: SyncookiesSent\nTcpExt: 3\n");
        Files.writeString(proc.resolve("net/snmp"), "Tcp: MaxConn CurrEstab\nTcp: -1 4\n");
        Collector c = CollectorHarness.build(NetstatCollector.SPEC, proc, proc, proc, "--collector.netstat.fields=.*");
        assertThat(ScrapedSamples.of(CollectorHarness.scrape(c))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "node_netstat_TcpExt_SyncookiesSent", 3.0, "node_netstat_Tcp_MaxConn", -1.0,
                "node_netstat_Tcp_CurrEstab", 4.0));
        Files.writeString(proc.resolve("net/snmp"), "Tcp: MaxConn CurrEstab\nTcp: -1\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CollectorHarness.scrape(c))
                .hasMessageContaining("/proc/net/snmp");
    }

    @Test
    void liveInSegmentsLieBetweenTwoReads() throws Exception {
        Collector c = CollectorHarness.build(NetstatCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        double before = NetSnmp.read(Path.of("/proc")).get("Tcp").get("InSegs");
        String text = CollectorHarness.scrape(c);
        double after = NetSnmp.read(Path.of("/proc")).get("Tcp").get("InSegs");
        assertThat(ScrapedSamples.value(text, "node_netstat_Tcp_InSegs")).isBetween(before, after);
    }
}
