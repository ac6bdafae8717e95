package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.testsupport.Daemons;

class RunitCollectorTest {
    private static Collector collector(Path serviceDir) throws Exception {
        return RunitCollector.SPEC.factory().create(CollectorContext.fromFlags(
                CollectorHarness.flags(RunitCollector.SPEC, "--collector.runit.servicedir=" + serviceDir)));
    }

    @Test
    void goldenOutputOverTheFixtureServiceDirectory() throws Exception {
        assertThat(CollectorHarness.scrape(collector(Path.of("src/test/resources/fixtures/runit/service"))))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/runit.prom")));
    }

    @Test
    void aMissingServiceDirectoryIsNoData(@TempDir Path dir) throws Exception {
        Collector c = collector(dir.resolve("none"));
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    /** {@code sv status}'s "run: DIR: (pid N) Ks" or "down: DIR: Ks": the state and the seconds since its change. */
    private static final Pattern SV_STATUS = Pattern.compile("^(run|down|finish): [^:]+: (?:\\(pid (\\d+)\\) )?(\\d+)s");

    private static void assertLike(String out, Daemons.Runsvdir runsvdir, String service, int state, int want)
            throws Exception {
        String status = runsvdir.sv("status", service);
        Matcher m = SV_STATUS.matcher(status);
        assertThat(m.find()).as(status).isTrue();
        assertThat(m.group(1)).isEqualTo(state == 1 ? "run" : state == 2 ? "finish" : "down");
        String labels = "{service=\"" + service + "\",supervisor=\"runit\"}";
        assertThat(ScrapedSamples.value(out, "node_service_state" + labels)).isEqualTo(state);
        assertThat(ScrapedSamples.value(out, "node_service_desired_state" + labels)).isEqualTo(want);
        assertThat(ScrapedSamples.value(out, "node_service_normal_state" + labels)).isEqualTo(1);
        // sv prints the whole seconds since the change, as of its own reading of the clock
        double since = System.currentTimeMillis() / 1000.0 - Long.parseLong(m.group(3));
        assertThat(ScrapedSamples.value(out, "node_service_state_last_change_timestamp_seconds" + labels))
                .isCloseTo(since, within(5.0));
    }

    @Test
    void liveRunsvdirFollowsSvCommands(@TempDir Path dir) throws Exception {
        try (Daemons.Runsvdir runsvdir = Daemons.Runsvdir.start(dir)) {
            Collector c = collector(runsvdir.services);
            String out = CollectorHarness.scrape(c);
            assertLike(out, runsvdir, "sleeper", 1, 1);
            // down by its down file; normal_state stays 1, as upstream (see RunitServices)
            assertLike(out, runsvdir, "resting", 0, 0);
            double before = ScrapedSamples.value(out,
                    "node_service_state_last_change_timestamp_seconds{service=\"sleeper\",supervisor=\"runit\"}");

            assertThat(runsvdir.sv("-v", "down", "sleeper")).startsWith("ok: down:");
            assertThat(runsvdir.sv("-v", "up", "resting")).startsWith("ok: run:");
            out = CollectorHarness.scrape(c);
            assertLike(out, runsvdir, "sleeper", 0, 0);
            assertLike(out, runsvdir, "resting", 1, 1);
            assertThat(ScrapedSamples.value(out,
                    "node_service_state_last_change_timestamp_seconds{service=\"sleeper\",supervisor=\"runit\"}"))
                    .isGreaterThanOrEqualTo(before);

            // "once": up now, not restarted; wanted down once it ends. sv -v may report before runsv
            // acts on it, so the test waits for the run itself
            runsvdir.sv("once", "sleeper");
            long until = System.nanoTime() + 20_000_000_000L;
            while (!runsvdir.sv("status", "sleeper").startsWith("run:") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            out = CollectorHarness.scrape(c);
            assertThat(ScrapedSamples.value(out, "node_service_state{service=\"sleeper\",supervisor=\"runit\"}")).isEqualTo(1);
            assertThat(ScrapedSamples.value(out, "node_service_desired_state{service=\"sleeper\",supervisor=\"runit\"}"))
                    .isZero();
        }
    }
}
