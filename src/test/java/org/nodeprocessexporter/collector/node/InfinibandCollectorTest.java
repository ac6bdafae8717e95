package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;

class InfinibandCollectorTest {
    /**
     * mlx4_0: an active port (multicast_rcv_packets "N/A (no PMA)" left out, data counters times 4,
     * counters_ext as the legacy families) and a down port with few counters; irdma0: no board_id, no
     * hca_type, no counters directory, a 2.5 Gb/s rate.
     */
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(InfinibandCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/infiniband.prom")));
    }

    /** node_exporter 1.5 reports infiniband as successful with no samples on a host without it (this VM). */
    @Test
    void noInfinibandClassIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(InfinibandCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void aMalformedStateIsAnError(@TempDir Path sys) throws Exception {
        Path port = Files.createDirectories(sys.resolve("class/infiniband/irdma1/ports/1"));
        Files.writeString(sys.resolve("class/infiniband/irdma1/fw_ver"), "1.0\n");
        Files.writeString(port.resolve("state"), "ACTIVE\n");
        Files.writeString(port.resolve("phys_state"), "5: LinkUp\n");
        Files.writeString(port.resolve("rate"), "10 Gb/sec (4X)\n");
        var c = CollectorHarness.build(InfinibandCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("ID: NAME");
    }

    @Test
    void aMalformedCounterIsAnError(@TempDir Path sys) throws Exception {
        Path port = Files.createDirectories(sys.resolve("class/infiniband/mlx5_0/ports/1/counters"));
        Files.writeString(sys.resolve("class/infiniband/mlx5_0/fw_ver"), "16.35.2000\n");
        Files.writeString(port.resolve("../state"), "4: ACTIVE\n");
        Files.writeString(port.resolve("../phys_state"), "5: LinkUp\n");
        Files.writeString(port.resolve("../rate"), "100 Gb/sec (4X EDR)\n");
        Files.writeString(port.resolve("symbol_error"), "N/A\n");
        var c = CollectorHarness.build(InfinibandCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("symbol_error");
    }

    @Test
    void liveDevicesMatchSysfs() throws Exception {
        var c = CollectorHarness.build(InfinibandCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        Path root = Path.of("/sys/class/infiniband");
        if (!Files.isDirectory(root)) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        String out = CollectorHarness.scrape(c);
        try (var devices = Files.list(root)) {
            devices.forEach(d -> assertThat(out).contains("node_infiniband_info{board_id=")
                    .contains("device=\"" + d.getFileName() + "\""));
        }
    }
}
