package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.Dmi;

class DmiCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(DmiCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/dmi.prom")));
    }

    @Test
    void readerLabelsOnlyTheFilesThatExist() throws Exception {
        var dmi = Dmi.read(CollectorHarness.FIXTURES.resolve("sys"));
        assertThat(dmi).containsEntry("system_vendor", "Supermicro").containsEntry("board_name", "")
                .doesNotContainKeys("board_serial", "product_uuid", "chassis_type", "sys_vendor").hasSize(18);
    }

    /** Read once: a change after start-up is not seen, as in node_exporter. */
    @Test
    void readOnceAtStartUp(@TempDir Path sys) throws Exception {
        Path id = Files.createDirectories(sys.resolve("class/dmi/id"));
        Files.writeString(id.resolve("product_name"), "A\n");
        var c = CollectorHarness.build(DmiCollector.SPEC, sys, sys, sys);
        Files.writeString(id.resolve("product_name"), "B\n");
        assertThat(CollectorHarness.scrape(c)).contains("node_dmi_info{product_name=\"A\"} 1.0");
    }

    /** node_exporter 1.5 reports dmi as unsuccessful on this VM, which has no /sys/class/dmi. */
    @Test
    void noDmiIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(DmiCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void liveMatchesSysfs() throws Exception {
        var c = CollectorHarness.build(DmiCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        Path name = Path.of("/sys/class/dmi/id/product_name");
        if (!Files.exists(name)) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        assertThat(CollectorHarness.scrape(c)).contains("product_name=\"" + Files.readString(name).trim() + "\"");
    }
}
