package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.sysfs.PowerSupply;

class PowersupplyclassCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(PowersupplyclassCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/powersupplyclass.prom")));
    }

    @Test
    void readerKeepsRegularFilesOnly() throws Exception {
        List<PowerSupply> all = PowerSupply.read(CollectorHarness.FIXTURES.resolve("sys"));
        assertThat(all).extracting(PowerSupply::name).containsExactly("AC", "BAT0", "ucsi-source-psy-USBC000:001");
        PowerSupply bat = all.get(1);
        assertThat(bat.attributes()).doesNotContainKeys("device", "power").containsEntry("status", "Discharging");
        assertThat(bat.number("energy_now")).isEqualTo(44250000L);
        assertThat(bat.number("charge_now")).isNull();
    }

    @Test
    void numbersParseLikeGoBaseZero() throws Exception {
        PowerSupply ps = new PowerSupply("x", java.util.Map.of("a", "0x10", "b", "-5", "c", "Full"));
        assertThat(ps.number("a")).isEqualTo(16L);
        assertThat(ps.number("b")).isEqualTo(-5L);
        assertThatThrownBy(() -> ps.number("c")).isInstanceOf(IOException.class).hasMessageContaining("c is not");
    }

    @Test
    void ignoredSupplies() throws Exception {
        String out = CollectorHarness.scrapeFixtures(PowersupplyclassCollector.SPEC,
                "--collector.powersupply.ignored-supplies=^(AC|ucsi)");
        assertThat(out).contains("power_supply=\"BAT0\"").doesNotContain("\"AC\"").doesNotContain("ucsi");
    }

    /** Like node_exporter 1.5 on this VM: an empty class directory is success with no samples. */
    @Test
    void emptyClassIsSuccessMissingClassIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(PowersupplyclassCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoSuchFileException.class);
        Files.createDirectories(sys.resolve("class/power_supply"));
        assertThat(CollectorHarness.scrape(c)).isEmpty();
    }

    @Test
    void liveSuppliesMatchSysfs() throws Exception {
        Path root = Path.of("/sys/class/power_supply");
        var c = CollectorHarness.build(PowersupplyclassCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        if (!Files.isDirectory(root)) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoSuchFileException.class);
            return;
        }
        String out = CollectorHarness.scrape(c);
        try (var ds = Files.list(root)) {
            List<Path> supplies = ds.toList();
            if (supplies.isEmpty()) {
                assertThat(out).isEmpty();
            }
            for (Path p : supplies) {
                assertThat(out).contains("power_supply=\"" + p.getFileName() + "\"");
            }
        }
    }
}
