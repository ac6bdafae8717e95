package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.sysfs.XfsStats;

class XfsCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(XfsCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/xfs.prom")));
    }

    @Test
    void readerTakesPerDeviceStatsOnly() throws Exception {
        var all = XfsStats.read(CollectorHarness.FIXTURES.resolve("sys"));
        assertThat(all).extracting(XfsStats::device).containsExactly("dm-2", "sda1");
        assertThat(all.get(0).categories().get("rw")).containsExactly(107739, 94045);
        assertThat(all.get(0).categories().get("vnodes")).hasSize(8);
    }

    @Test
    void aShortLineIsAnError(@TempDir Path sys) throws Exception {
        Path s = Files.createDirectories(sys.resolve("fs/xfs/sdb/stats"));
        Files.writeString(s.resolve("stats"), "extent_alloc 1 2\n");
        var c = CollectorHarness.build(XfsCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("extent_alloc");
    }

    /** node_exporter 1.5 reports xfs as successful on this VM, which has XFS loaded but nothing mounted. */
    @Test
    void liveFileSystemsMatchSysfs() throws Exception {
        String out = CollectorHarness.scrape(
                CollectorHarness.build(XfsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/")));
        var live = XfsStats.read(Path.of("/sys"));
        if (live.isEmpty()) {
            assertThat(out).isEmpty();
        }
        for (XfsStats s : live) {
            assertThat(out).contains("node_xfs_extent_allocation_extents_allocated_total{device=\"" + s.device() + "\"}");
        }
    }
}
