package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.sysfs.Bcache;

class BcacheCollectorTest {
    private static final String CACHE = "{cache_device=\"cache0\",uuid=\"deaddd54-c735-46d5-868e-f331c5fd7c74\"}";

    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(BcacheCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/bcache.prom")));
    }

    @Test
    void priorityStatsOnRequest() throws Exception {
        String out = CollectorHarness.scrapeFixtures(BcacheCollector.SPEC, "--collector.bcache.priorityStats");
        assertThat(out).contains("node_bcache_priority_stats_unused_percent" + CACHE + " 99.0\n",
                "node_bcache_priority_stats_metadata_percent" + CACHE + " 0.0\n");
        assertThat(CollectorHarness.scrapeFixtures(BcacheCollector.SPEC)).doesNotContain("priority_stats");
    }

    @Test
    void humanReadableValuesLikeBchHprint() {
        assertThat(Bcache.dehumanize("12")).isEqualTo(12.0);
        assertThat(Bcache.dehumanize("1.5k")).isEqualTo(1524.0);
        assertThat(Bcache.dehumanize("2M")).isEqualTo(2097152.0);
        assertThat(Bcache.dehumanize("-790.0k")).isEqualTo(-808960.0);
    }

    /** node_exporter 1.5 reports bcache as successful with no samples on this VM (no /sys/fs/bcache). */
    @Test
    void liveCacheSetsMatchSysfs() throws Exception {
        String out = CollectorHarness.scrape(
                CollectorHarness.build(BcacheCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/")));
        Path root = Path.of("/sys/fs/bcache");
        if (!Files.isDirectory(root)) {
            assertThat(out).isEmpty();
            return;
        }
        try (var ds = Files.newDirectoryStream(root, "*-*")) {
            for (Path set : ds) {
                assertThat(out).contains("uuid=\"" + set.getFileName() + "\"");
            }
        }
    }
}
