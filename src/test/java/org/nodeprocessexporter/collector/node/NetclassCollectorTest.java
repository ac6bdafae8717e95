package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;

class NetclassCollectorTest {
    private static String lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).collect(Collectors.joining("\n"));
    }

    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(NetclassCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/netclass.prom")));
    }

    @Test
    void ignoredDevicesAndInvalidSpeed() throws Exception {
        String out = CollectorHarness.scrapeFixtures(NetclassCollector.SPEC,
                "--collector.netclass.ignored-devices=^lo$", "--collector.netclass.ignore-invalid-speed",
                "--collector.netclass.netlink");
        assertThat(lines(out, "node_network_up")).isEqualTo("""
                node_network_up{device="bond0"} 1.0
                node_network_up{device="enp3s0"} 1.0
                node_network_up{device="eth0"} 1.0""");
        assertThat(lines(out, "node_network_speed_bytes")).isEqualTo("""
                node_network_speed_bytes{device="bond0"} 1.25E8
                node_network_speed_bytes{device="enp3s0"} 1.25E9""");
    }

    @Test
    void noNetClassDirectoryIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(NetclassCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void liveMtuAndIndexMatchSysfs() throws Exception {
        var c = CollectorHarness.build(NetclassCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        String out = CollectorHarness.scrape(c);
        String mtu = Files.readString(Path.of("/sys/class/net/lo/mtu")).trim();
        String index = Files.readString(Path.of("/sys/class/net/lo/ifindex")).trim();
        assertThat(out).contains("node_network_mtu_bytes{device=\"lo\"} " + Double.parseDouble(mtu) + "\n",
                "node_network_iface_id{device=\"lo\"} " + Double.parseDouble(index) + "\n");
    }
}
