package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.CollectorHarness;

/**
 * process_detail over the captured fixture tree, compared with {@code expected/process_detail.prom}.
 * Regenerate after an intended change with {@code mvn test -Dtest=ProcessDetailFixtureTest
 * -Dgolden.update=true} and review the diff.
 */
class ProcessDetailFixtureTest {
    private static final Path EXPECTED = Path.of("src/test/resources/expected/process_detail.prom");

    @Test
    void theFixtureTreeGivesTheExpectedExposition() throws Exception {
        String actual = CollectorHarness.scrapeFixtures(ProcessDetailCollector.SPEC,
                "--collector.process_detail.threads");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(EXPECTED, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(EXPECTED, StandardCharsets.UTF_8));
    }

    @Test
    void aSecondScrapeOfAnUnchangedTreeIsIdentical() throws Exception {
        var collector = CollectorHarness.build(ProcessDetailCollector.SPEC, CollectorHarness.FIXTURES.resolve("proc"),
                CollectorHarness.FIXTURES.resolve("sys"), CollectorHarness.FIXTURES.resolve("rootfs"));
        String first = CollectorHarness.scrape(collector);
        String second = CollectorHarness.scrape(collector);
        assertThat(second.replaceAll("(?m)^namedprocess_scrape.*$", ""))
                .isEqualTo(first.replaceAll("(?m)^namedprocess_scrape.*$", ""));
    }
}
