package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;

class BondingCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(BondingCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/bonding.prom")));
    }

    @Test
    void aMasterWithoutSlavesAndAMissingSlave(@TempDir Path sys) throws Exception {
        Path net = Files.createDirectories(sys.resolve("class/net"));
        Files.writeString(net.resolve("bonding_masters"), "bond1\n");
        Files.createDirectories(net.resolve("bond1/bonding"));
        Files.writeString(net.resolve("bond1/bonding/slaves"), "\n");
        var c = CollectorHarness.build(BondingCollector.SPEC, sys, sys, sys);
        assertThat(CollectorHarness.scrape(c)).contains("node_bonding_slaves{master=\"bond1\"} 0.0");
        Files.writeString(net.resolve("bond1/bonding/slaves"), "eth9\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("slave_eth9");
    }

    /** node_exporter 1.5 reports bonding as unsuccessful on this VM, which has no bonding driver. */
    @Test
    void liveMastersMatchSysfs() throws Exception {
        var c = CollectorHarness.build(BondingCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        Path masters = Path.of("/sys/class/net/bonding_masters");
        if (!Files.exists(masters)) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        String out = CollectorHarness.scrape(c);
        for (String m : Files.readString(masters).trim().split("\\s+")) {
            if (!m.isEmpty()) {
                assertThat(out).contains("master=\"" + m + "\"");
            }
        }
    }
}
