package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;

class EdacCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(EdacCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/edac.prom")));
    }

    /** node_exporter 1.5 reports edac as successful with no samples on a host without EDAC (this VM). */
    @Test
    void noEdacIsSuccessWithoutSamples(@TempDir Path sys) throws Exception {
        assertThat(CollectorHarness.scrape(CollectorHarness.build(EdacCollector.SPEC, sys, sys, sys))).isEmpty();
    }

    @Test
    void aControllerWithoutCountsIsAnError(@TempDir Path sys) throws Exception {
        Files.createDirectories(sys.resolve("devices/system/edac/mc/mc0"));
        var c = CollectorHarness.build(EdacCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("ce_count");
    }

    @Test
    void liveControllersMatchSysfs() throws Exception {
        String out = CollectorHarness.scrape(
                CollectorHarness.build(EdacCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/")));
        Path mc = Path.of("/sys/devices/system/edac/mc/mc0");
        if (Files.exists(mc)) {
            assertThat(out).contains("node_edac_correctable_errors_total{controller=\"0\"} "
                    + Double.parseDouble(Files.readString(mc.resolve("ce_count")).trim()));
        } else {
            assertThat(out).isEmpty();
        }
    }
}
