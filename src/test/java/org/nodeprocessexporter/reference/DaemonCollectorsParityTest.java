package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.testsupport.Daemons;

/**
 * supervisord, runit and ntp side by side with node_exporter 1.5, both pointed at the same
 * supervisord (two programs, one stopped), runsvdir service directory (one service up, one down)
 * and chronyd on loopback.
 */
class DaemonCollectorsParityTest {
    /**
     * Where we deliberately differ from 1.5 in shape: the one counter the Java client cannot write
     * without a {@code _total} suffix (see docs/differences.md).
     */
    private static final List<String> SHAPE_DIFFERENCES = List.of(
            "node_supervisord_start_time_seconds: theirs counter [group, name], ours untyped [group, name]");

    @Test
    void sameFamiliesLabelsAndValuesAsNodeExporter(@TempDir Path tmp) throws Exception {
        Path supervisorDir = Files.createDirectories(tmp.resolve("supervisord"));
        Path runitDir = Files.createDirectories(tmp.resolve("runit"));
        Path chronyDir = Files.createDirectories(tmp.resolve("chrony"));
        try (Daemons.Supervisord supervisord = Daemons.Supervisord.start(supervisorDir);
             Daemons.Runsvdir runsvdir = Daemons.Runsvdir.start(runitDir);
             Daemons.Chronyd chronyd = Daemons.Chronyd.start(chronyDir)) {
            SideBySide.Scrapes s = SideBySide.scrape(tmp,
                    "--collector.supervisord", "--collector.supervisord.url=" + supervisord.url(),
                    "--collector.runit", "--collector.runit.servicedir=" + runsvdir.services,
                    "--collector.ntp", "--collector.ntp.server-port=" + chronyd.port);
            assertThat(s.successDifferences()).isEmpty();
            assertThat(s.theirs().family("node_scrape_collector_success").values()).containsOnly(1.0).hasSize(3);

            assertThat(s.shapeDifferences("node_supervisord_")).isEqualTo(SHAPE_DIFFERENCES);
            assertThat(s.valueDifferences("node_supervisord_state", "node_supervisord_exit_status", "node_supervisord_up",
                    "node_supervisord_start_time_seconds")).isEmpty();
            assertThat(s.theirs().family("node_supervisord_up")).hasSize(2);

            assertThat(s.shapeDifferences("node_service_")).isEmpty();
            // the timestamps too: runsv rewrote nothing in between
            assertThat(s.valueDifferences("node_service_state", "node_service_desired_state", "node_service_normal_state",
                    "node_service_state_last_change_timestamp_seconds")).isEmpty();
            assertThat(s.theirs().family("node_service_state")).hasSize(2);

            assertThat(s.shapeDifferences("node_ntp_")).isEmpty();
            assertThat(s.valueDifferences("node_ntp_stratum", "node_ntp_leap", "node_ntp_root_delay_seconds",
                    "node_ntp_root_dispersion_seconds", "node_ntp_sanity")).isEmpty();
            Exposition theirs = s.theirs();
            Exposition ours = s.ours();
            // 1.5's library truncates the fraction where 1.12's rounds: a nanosecond apart at most
            assertThat(ours.value("node_ntp_reference_timestamp_seconds"))
                    .isCloseTo(theirs.value("node_ntp_reference_timestamp_seconds"), within(1e-6));
            // two queries a moment apart to the host's own clock: both offsets within their round trips
            assertThat(Math.abs(theirs.value("node_ntp_offset_seconds")))
                    .isLessThanOrEqualTo(theirs.value("node_ntp_rtt_seconds"));
            assertThat(Math.abs(ours.value("node_ntp_offset_seconds"))).isLessThanOrEqualTo(ours.value("node_ntp_rtt_seconds"));
        }
    }
}
