package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;

class ThermalZoneCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(ThermalZoneCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/thermal_zone.prom")));
    }

    /** node_exporter reports success with no samples when sysfs has nothing for it (as on a VM). */
    @Test
    void anEmptySysfsIsSuccessWithoutSamples(@TempDir Path sys) throws Exception {
        assertThat(CollectorHarness.scrape(CollectorHarness.build(ThermalZoneCollector.SPEC, sys, sys, sys))).isEmpty();
    }

    @Test
    void liveZonesMatchSysfs() throws Exception {
        String out = CollectorHarness.scrape(
                CollectorHarness.build(ThermalZoneCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/")));
        long zones = 0;
        if (Files.isDirectory(Path.of("/sys/class/thermal"))) {
            try (var ds = Files.newDirectoryStream(Path.of("/sys/class/thermal"), "thermal_zone*")) {
                for (Path z : ds) {
                    zones++;
                }
            }
        }
        assertThat(out.lines().filter(l -> l.startsWith("node_thermal_zone_temp{")).count()).isLessThanOrEqualTo(zones);
        if (zones == 0) {
            assertThat(out).isEmpty();
        }
    }
}
