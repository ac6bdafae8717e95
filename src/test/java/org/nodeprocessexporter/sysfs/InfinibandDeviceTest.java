package org.nodeprocessexporter.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;

class InfinibandDeviceTest {
    @Test
    void readsTheFixtureDevices() throws Exception {
        var all = InfinibandDevice.readAll(CollectorHarness.FIXTURES.resolve("sys"));
        assertThat(all).extracting(InfinibandDevice::name).containsExactly("irdma0", "mlx4_0");
        InfinibandDevice mlx = all.get(1);
        assertThat(mlx.boardId()).isEqualTo("SM_1141000001000");
        assertThat(mlx.hcaType()).isEqualTo("MT4099");
        var p1 = mlx.ports().get(0);
        assertThat(p1.port()).isEqualTo(1);
        assertThat(p1.state()).isEqualTo("ACTIVE");
        assertThat(p1.stateId()).isEqualTo(4);
        assertThat(p1.physState()).isEqualTo("LinkUp");
        assertThat(p1.physStateId()).isEqualTo(5);
        assertThat(p1.rate()).isEqualTo(5_000_000_000L);
        assertThat(p1.counters()).containsEntry("port_xmit_data", 4 * 26509113295L)
                .containsEntry("counters_ext/port_rcv_data_64", 4 * 2221223609L)
                .containsEntry("symbol_error", 7L).doesNotContainKey("multicast_rcv_packets")
                .doesNotContainKey("unknown_future_counter");
        assertThat(mlx.ports().get(1).counters()).containsEntry("symbol_error", 16L);
        assertThat(all.get(0).ports().get(0).counters()).isEmpty();
        assertThat(all.get(0).boardId()).isEmpty();
    }

    /** procfs parses the rate as a 32-bit float: 0.3 Gb/s is 37500001 bytes/s, not 37500000. */
    @Test
    void rateGoesThroughAFloat32(@TempDir Path sys) throws Exception {
        Path port = Files.createDirectories(sys.resolve("class/infiniband/irdma9/ports/1"));
        Files.writeString(sys.resolve("class/infiniband/irdma9/fw_ver"), "1.0\n");
        Files.writeString(port.resolve("state"), "1: DOWN\n");
        Files.writeString(port.resolve("phys_state"), "3: Disabled\n");
        Files.writeString(port.resolve("rate"), "0.3 Gb/sec\n");
        assertThat(InfinibandDevice.readAll(sys).get(0).ports().get(0).rate()).isEqualTo(37_500_001L);
    }
}
