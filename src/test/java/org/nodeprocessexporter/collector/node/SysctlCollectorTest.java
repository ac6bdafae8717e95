package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.ScrapeChild;

class SysctlCollectorTest {
    private static final String I = "--collector.sysctl.include=";
    private static final String INFO = "--collector.sysctl.include-info=";

    @Test
    void numericIndexedMappedAndInfoSysctls() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(SysctlCollector.SPEC,
                I + "net.ipv4.tcp_rmem", I + "net.ipv4.tcp_wmem:min,default,max", I + "vm.swappiness",
                INFO + "kernel.seccomp.actions_avail", INFO + "vm.swappiness")).isEqualTo("""
                # HELP node_sysctl_info sysctl info
                # TYPE node_sysctl_info gauge
                node_sysctl_info{index="0",name="kernel.seccomp.actions_avail",value="kill_process"} 1.0
                node_sysctl_info{index="0",name="vm.swappiness",value="60"} 1.0
                node_sysctl_info{index="1",name="kernel.seccomp.actions_avail",value="kill_thread"} 1.0
                node_sysctl_info{index="2",name="kernel.seccomp.actions_avail",value="trap"} 1.0
                node_sysctl_info{index="3",name="kernel.seccomp.actions_avail",value="errno"} 1.0
                node_sysctl_info{index="4",name="kernel.seccomp.actions_avail",value="user_notif"} 1.0
                node_sysctl_info{index="5",name="kernel.seccomp.actions_avail",value="trace"} 1.0
                node_sysctl_info{index="6",name="kernel.seccomp.actions_avail",value="log"} 1.0
                node_sysctl_info{index="7",name="kernel.seccomp.actions_avail",value="allow"} 1.0
                # HELP node_sysctl_net_ipv4_tcp_rmem sysctl net.ipv4.tcp_rmem
                # TYPE node_sysctl_net_ipv4_tcp_rmem untyped
                node_sysctl_net_ipv4_tcp_rmem{index="0"} 4096.0
                node_sysctl_net_ipv4_tcp_rmem{index="1"} 131072.0
                node_sysctl_net_ipv4_tcp_rmem{index="2"} 3.3554432E7
                # HELP node_sysctl_net_ipv4_tcp_wmem_default sysctl net.ipv4.tcp_wmem, field 1
                # TYPE node_sysctl_net_ipv4_tcp_wmem_default untyped
                node_sysctl_net_ipv4_tcp_wmem_default 16384.0
                # HELP node_sysctl_net_ipv4_tcp_wmem_max sysctl net.ipv4.tcp_wmem, field 2
                # TYPE node_sysctl_net_ipv4_tcp_wmem_max untyped
                node_sysctl_net_ipv4_tcp_wmem_max 4194304.0
                # HELP node_sysctl_net_ipv4_tcp_wmem_min sysctl net.ipv4.tcp_wmem, field 0
                # TYPE node_sysctl_net_ipv4_tcp_wmem_min untyped
                node_sysctl_net_ipv4_tcp_wmem_min 4096.0
                # HELP node_sysctl_vm_swappiness sysctl vm.swappiness
                # TYPE node_sysctl_vm_swappiness untyped
                node_sysctl_vm_swappiness 60.0
                """);
    }

    @Test
    void noIncludesNoSeries() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(SysctlCollector.SPEC)).isEmpty();
    }

    private static Collector over(Path proc, String... args) throws Exception {
        return CollectorHarness.build(SysctlCollector.SPEC, proc, proc, proc, args);
    }

    @Test
    void upstreamsErrorsFailTheScrape(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/printk"), "4\t4\t1\t7\n");
        Files.writeString(proc.resolve("sys/kernel/empty"), "\n");
        Files.writeString(proc.resolve("sys/kernel/pid_max"), "4194304\n");
        Files.writeString(proc.resolve("sys/kernel/hex"), "0x10 010 -0b11\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc, I + "kernel.printk:a,b"))).isInstanceOf(IOException.class)
                .hasMessage("sysctl kernel.printk has 4 keys but only 2 defined in f lag");
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc, I + "kernel.pid_max:a,b")))
                .hasMessage("sysctl kernel.pid_max has only one value, but expected [a b]");
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc, I + "kernel.empty"))).hasMessage("sysctl kernel.empty has no values");
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc, INFO + "kernel.printk:a,b,c,d")))
                .hasMessage("mapped sysctl string values not supported");
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc, I + "kernel.missing"))).isInstanceOf(NoSuchFileException.class);
        // integers in Go's base-0 syntax, as procfs parses them
        assertThat(CollectorHarness.scrape(over(proc, I + "kernel.hex"))).contains("node_sysctl_kernel_hex{index=\"0\"} 16.0\n",
                "node_sysctl_kernel_hex{index=\"1\"} 8.0\n", "node_sysctl_kernel_hex{index=\"2\"} -3.0\n");
        // only the first 128 bytes of the value, as upstream reads it
        Files.writeString(proc.resolve("sys/kernel/long"), ("word ").repeat(30) + "tail\n");
        String out = CollectorHarness.scrape(over(proc, INFO + "kernel.long"));
        assertThat(out).contains("index=\"25\"").doesNotContain("tail").doesNotContain("index=\"26\"");
    }

    @Test
    void metricNamesAreSanitizedAsUpstreams(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("sys/net/ipv4/conf/eth-0"));
        Files.writeString(proc.resolve("sys/net/ipv4/conf/eth-0/rp_filter"), "2\n");
        assertThat(CollectorHarness.scrape(over(proc, I + "net.ipv4.conf.eth-0.rp_filter"))).isEqualTo("""
                # HELP node_sysctl_net_ipv4_conf_eth_0_rp_filter sysctl net.ipv4.conf.eth-0.rp_filter
                # TYPE node_sysctl_net_ipv4_conf_eth_0_rp_filter untyped
                node_sysctl_net_ipv4_conf_eth_0_rp_filter 2.0
                """);
        assertThat(MetricNames.sanitize("a.-_b")).isEqualTo("a_b");
        assertThat(MetricNames.sanitize("a__b")).isEqualTo("a__b");
    }

    @Test
    void liveValuesAreWhatProcSysSays() throws Exception {
        Collector c = CollectorHarness.build(SysctlCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"),
                I + "kernel.pid_max", I + "net.ipv4.tcp_rmem:min,default,max", INFO + "kernel.osrelease");
        Map<String, Double> samples = ScrapedSamples.of(CollectorHarness.scrape(c));
        assertThat(samples.get("node_sysctl_kernel_pid_max"))
                .isEqualTo(Double.parseDouble(sysctl("kernel/pid_max").strip()));
        String[] rmem = sysctl("net/ipv4/tcp_rmem").strip().split("\\s+");
        assertThat(samples).containsEntry("node_sysctl_net_ipv4_tcp_rmem_max", Double.parseDouble(rmem[2]));
        assertThat(samples).containsKey("node_sysctl_info{index=\"0\",name=\"kernel.osrelease\",value=\""
                + sysctl("kernel/osrelease").strip() + "\"}");
    }

    /**
     * A sysctl this test sets in a network namespace of its own (a harmless one: the local port
     * range there), read by the collector from a JVM started in that namespace.
     */
    @Test
    void aSysctlSetInAPrivateNetworkNamespace() throws Exception {
        ProcMiscCollectorsTest.requireTools();
        List<String> prefix = List.of("unshare", "--net", "--", "sh", "-c",
                "echo '40123 40321' > /proc/sys/net/ipv4/ip_local_port_range && exec \"$0\" \"$@\"");
        try (Child child = Child.wrapped(prefix, List.of(), ScrapeChild.class, "sysctl",
                I + "net.ipv4.ip_local_port_range:low,high", INFO + "net.ipv4.ip_local_port_range")) {
            assertThat(child.info.replace('|', '\n')).isEqualTo("""
                    # HELP node_sysctl_info sysctl info
                    # TYPE node_sysctl_info gauge
                    node_sysctl_info{index="0",name="net.ipv4.ip_local_port_range",value="40123"} 1.0
                    node_sysctl_info{index="1",name="net.ipv4.ip_local_port_range",value="40321"} 1.0
                    # HELP node_sysctl_net_ipv4_ip_local_port_range_high sysctl net.ipv4.ip_local_port_range, field 1
                    # TYPE node_sysctl_net_ipv4_ip_local_port_range_high untyped
                    node_sysctl_net_ipv4_ip_local_port_range_high 40321.0
                    # HELP node_sysctl_net_ipv4_ip_local_port_range_low sysctl net.ipv4.ip_local_port_range, field 0
                    # TYPE node_sysctl_net_ipv4_ip_local_port_range_low untyped
                    node_sysctl_net_ipv4_ip_local_port_range_low 40123.0
                    """);
        }
        // the host's own range is untouched
        assertThat(sysctl("net/ipv4/ip_local_port_range")).doesNotContain("40123");
    }

    /** Not Files.readString: a sysctl file answers EOF to a read at an offset, and the JDK reads one byte first. */
    private static String sysctl(String path) throws IOException {
        return org.nodeprocessexporter.procfs.ProcFile.readString(Path.of("/proc/sys", path));
    }
}
