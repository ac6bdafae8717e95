package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;

class TapestatsCollectorTest {
    /** st0 and st1; nst0 and st0a (other nodes of the same drive) are not read. */
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(TapestatsCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/tapestats.prom")));
    }

    @Test
    void ignoredDevicesFlagDropsMatchingTapes() throws Exception {
        String out = CollectorHarness.scrapeFixtures(TapestatsCollector.SPEC,
                "--collector.tapestats.ignored-devices=1");
        assertThat(out).contains("node_tape_io_now{device=\"st0\"} 0.0").doesNotContain("st1");
        assertThat(CollectorHarness.scrapeFixtures(TapestatsCollector.SPEC,
                "--collector.tapestats.ignored-devices=^st")).isEmpty();
    }

    @Test
    void badIgnoredDevicesRegexpIsAUsageError() {
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(TapestatsCollector.SPEC,
                "--collector.tapestats.ignored-devices=(")).hasMessageContaining("tapestats.ignored-devices");
    }

    /** node_exporter 1.5 reports tapestats as successful with no samples on a host without tapes (this VM). */
    @Test
    void noScsiTapeClassIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(TapestatsCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void aMalformedStatIsAnError(@TempDir Path sys) throws Exception {
        Path stats = Files.createDirectories(sys.resolve("class/scsi_tape/st3/stats"));
        Files.writeString(stats.resolve("read_cnt"), "-1\n");
        var c = CollectorHarness.build(TapestatsCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("read_cnt");
    }

    @Test
    void liveTapesMatchSysfs() throws Exception {
        var c = CollectorHarness.build(TapestatsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        Path root = Path.of("/sys/class/scsi_tape");
        if (!Files.isDirectory(root)) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        String out = CollectorHarness.scrape(c);
        Path st0 = root.resolve("st0/stats/write_cnt");
        if (Files.exists(st0)) {
            assertThat(out).contains("node_tape_io_now{device=\"st0\"}");
        }
    }
}
