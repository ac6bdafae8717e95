package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;

class LoadavgCollectorTest {
    @Test
    void readsTheThreeAveragesFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(LoadavgCollector.SPEC)).isEqualTo("""
                # HELP node_load1 1m load average.
                # TYPE node_load1 gauge
                node_load1 0.21
                # HELP node_load15 15m load average.
                # TYPE node_load15 gauge
                node_load15 0.48
                # HELP node_load5 5m load average.
                # TYPE node_load5 gauge
                node_load5 0.34
                """);
    }

    @Test
    void aTruncatedFileIsAnErrorNotZeroes(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("loadavg"), "0.21 0.3");
        var collector = CollectorHarness.build(LoadavgCollector.SPEC, proc, proc, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(collector)).hasMessageContaining("malformed loadavg");
    }
}
