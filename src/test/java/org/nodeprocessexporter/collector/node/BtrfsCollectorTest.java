package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.sysfs.BtrfsStats;

class BtrfsCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(BtrfsCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/btrfs.prom")));
    }

    @Test
    void readerTakesSizesInSectorsAndRatiosFromTheLayout() throws Exception {
        var fs = BtrfsStats.read(CollectorHarness.FIXTURES.resolve("sys")).get(0);
        assertThat(fs.label()).isEqualTo("fixture");
        assertThat(fs.deviceSizes()).containsEntry("loop25", 10485760L * 512);
        assertThat(fs.allocation().get("metadata").layouts().get("raid1").ratio()).isEqualTo(2.0);
        assertThat(fs.allocation().get("data").layouts().get("raid0").ratio()).isEqualTo(1.0);
        assertThat(fs.commits()).containsEntry("max_commit_ms", 51462L);
    }

    /** node_exporter 1.5 succeeds here (btrfs loaded, nothing mounted): so do we, with what sysfs lists. */
    @Test
    void liveMountsAreThoseOfSysfs() throws Exception {
        String out = CollectorHarness.scrape(
                CollectorHarness.build(BtrfsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/")));
        int mounted = 0;
        if (Files.isDirectory(Path.of("/sys/fs/btrfs"))) {
            try (var dirs = Files.list(Path.of("/sys/fs/btrfs"))) {
                mounted = (int) dirs.filter(d -> d.getFileName().toString().split("-").length == 5).count();
            }
        }
        assertThat(out.lines().filter(l -> l.startsWith("node_btrfs_info{"))).hasSize(mounted);
    }
}
