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
import org.nodeprocessexporter.sysfs.RaplZone;

class RaplCollectorTest {
    private static final String P = "src/test/resources/fixtures/sys/class/powercap/";

    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(RaplCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/rapl.prom")));
    }

    @Test
    void zoneNamesSplitIntoNameAndIndex() throws Exception {
        assertThat(RaplZone.read(CollectorHarness.FIXTURES.resolve("sys")))
                .extracting(z -> z.name() + "/" + z.index() + "/" + z.path().getFileName())
                .containsExactly("package/0/intel-rapl-mmio:0", "package/0/intel-rapl:0", "core/0/intel-rapl:0:0",
                        "uncore/0/intel-rapl:0:1", "dram/0/intel-rapl:0:2", "package/1/intel-rapl:1",
                        "dram/1/intel-rapl:1:0");
    }

    @Test
    void zoneLabelPutsEveryZoneInOneFamily() throws Exception {
        String out = CollectorHarness.scrapeFixtures(RaplCollector.SPEC, "--collector.rapl.enable-zone-label");
        String dram = Arrays.stream(out.split("\n")).filter(l -> l.contains("dram")).collect(Collectors.joining("\n"));
        assertThat(dram).isEqualTo(
                "node_rapl_joules_total{index=\"0\",path=\"" + P + "intel-rapl:0:2\",rapl_zone=\"dram\"} 24624.502041\n"
                + "node_rapl_joules_total{index=\"1\",path=\"" + P + "intel-rapl:1:0\",rapl_zone=\"dram\"} 5.5");
        assertThat(out).contains("# HELP node_rapl_joules_total Current RAPL value in joules\n")
                .doesNotContain("node_rapl_dram_joules_total");
    }

    @Test
    void oddZoneNamesAreSanitised(@TempDir Path sys) throws Exception {
        Path z = Files.createDirectories(sys.resolve("class/powercap/amd-rapl:0"));
        Files.writeString(z.resolve("name"), "psys.cpu-x\n");
        Files.writeString(z.resolve("energy_uj"), "2000000\n");
        String out = CollectorHarness.scrape(CollectorHarness.build(RaplCollector.SPEC, sys, sys, sys));
        assertThat(out).contains("node_rapl_psys_cpu_x_joules_total{index=\"0\"");
    }

    /** node_exporter 1.5 reports rapl as unsuccessful on this VM, which has no powercap class. */
    @Test
    void noPowercapIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(RaplCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void liveZonesMatchSysfs() throws Exception {
        var c = CollectorHarness.build(RaplCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        Path root = Path.of("/sys/class/powercap");
        if (!Files.isDirectory(root)) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        for (RaplZone z : RaplZone.read(Path.of("/sys"))) {
            if (!Files.isReadable(z.path().resolve("energy_uj"))) {
                assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
                return;
            }
        }
        String out = CollectorHarness.scrape(c);
        for (RaplZone z : RaplZone.read(Path.of("/sys"))) {
            assertThat(out).contains("path=\"" + z.path() + "\"");
        }
    }
}
