package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;

class FibrechannelCollectorTest {
    /**
     * host0: hex counters, dumped_frames all ones (not counted by the HBA) left out, fcp_packet_aborts
     * missing reported as 0, the 0x of port_id/port_name/fabric_name cut; host1: missing attributes
     * as empty labels, every missing counter 0.
     */
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(FibrechannelCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/fibrechannel.prom")));
    }

    /** node_exporter 1.5 reports fibrechannel as successful with no samples on a host without fc_host (this VM). */
    @Test
    void noFcHostClassIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(FibrechannelCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void aMalformedCounterIsAnError(@TempDir Path sys) throws Exception {
        Path stats = Files.createDirectories(sys.resolve("class/fc_host/host3/statistics"));
        Files.writeString(stats.resolve("rx_frames"), "lots\n");
        var c = CollectorHarness.build(FibrechannelCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("rx_frames");
    }

    @Test
    void liveHostsMatchSysfs() throws Exception {
        var c = CollectorHarness.build(FibrechannelCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        if (!Files.isDirectory(Path.of("/sys/class/fc_host"))) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        String out = CollectorHarness.scrape(c);
        try (var hosts = Files.list(Path.of("/sys/class/fc_host"))) {
            hosts.forEach(h -> assertThat(out).contains("fc_host=\"" + h.getFileName() + "\""));
        }
    }
}
