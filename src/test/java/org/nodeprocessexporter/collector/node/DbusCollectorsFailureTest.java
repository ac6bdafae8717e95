package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.ScrapeRunner;
import org.nodeprocessexporter.testsupport.FakeBus;

/**
 * An unreachable or silent bus: each scrape reports the two collectors unsuccessful, logs one
 * line for each, and returns, the collectors' calls bounded by {@code --collector.scrape-timeout}.
 */
class DbusCollectorsFailureTest {
    private static Map<String, Collector> collectors(String address) throws Exception {
        CollectorContext systemd = CollectorContext.fromFlags(
                CollectorHarness.flags(SystemdCollector.SPEC, "--collector.scrape-timeout=1s"));
        CollectorContext logind = CollectorContext.fromFlags(
                CollectorHarness.flags(LogindCollector.SPEC, "--collector.scrape-timeout=1s"));
        return Map.of("systemd", new SystemdCollector(systemd, address, false),
                "logind", new LogindCollector(logind, address));
    }

    /** Three scrapes; their expositions and the log they wrote. */
    private static String[] scrapeThrice(String address) throws Exception {
        Map<String, Collector> collectors = collectors(address); // (they log their patterns at info)
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StringBuilder out = new StringBuilder();
        Log.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (ScrapeRunner runner = new ScrapeRunner(collectors, 2)) {
            for (int i = 0; i < 3; i++) {
                out.append(CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(20))));
            }
        } finally {
            Log.redirect(System.err);
        }
        return new String[] {out.toString(), log.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void noBusAtAllIsOneErrorLinePerCollectorAndScrape(@TempDir Path dir) throws Exception {
        String[] r = scrapeThrice("unix:path=" + dir.resolve("no-such-socket"));
        assertThat(r[0]).contains("node_scrape_collector_success{collector=\"systemd\"} 0.0")
                .contains("node_scrape_collector_success{collector=\"logind\"} 0.0")
                .doesNotContain("node_systemd_").doesNotContain("node_logind_");
        List<String> lines = r[1].lines().toList();
        assertThat(lines).hasSize(6).allMatch(l -> l.contains("level=error") && l.contains("collector failed"));
        assertThat(lines).filteredOn(l -> l.contains("name=systemd")).hasSize(3)
                .allMatch(l -> l.contains("couldn't get dbus connection") && l.contains("no-such-socket"));
        assertThat(lines).filteredOn(l -> l.contains("name=logind")).hasSize(3)
                .allMatch(l -> l.contains("unable to connect to dbus"));
    }

    @Test
    @Timeout(60)
    void aBusThatNeverAnswersFailsEachScrapeWithinTheCollectorsBudget(@TempDir Path dir) throws Exception {
        try (FakeBus bus = new FakeBus(dir, FakeBus.Mode.SILENT, null)) {
            String[] r = scrapeThrice(bus.address());
            assertThat(r[0]).contains("node_scrape_collector_success{collector=\"systemd\"} 0.0")
                    .contains("node_scrape_collector_success{collector=\"logind\"} 0.0");
            List<String> lines = r[1].lines().toList();
            // failed by their own deadline, not written off by the scrape's budget
            assertThat(lines).hasSize(6).allMatch(l -> l.contains("collector failed") && l.contains("no answer from D-Bus"));
        }
    }
}
