package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.testsupport.NspawnSystemd;

/**
 * systemd and logind side by side with node_exporter 1.5, both pointed at the same real systemd
 * 252 ({@link NspawnSystemd}): through the container's system bus with
 * {@code DBUS_SYSTEM_BUS_ADDRESS} (how godbus, under go-systemd and the logind collector, picks
 * the system bus), and with {@code --collector.systemd.private} through systemd's own socket.
 *
 * <p>Every flag is given to both. Debian's node_exporter 1.5 excludes {@code .target} units by
 * default (a Debian patch); upstream 1.12 does not, so both get 1.12's default explicitly.
 * Differences from 1.5 that 1.12 has and we follow: {@code node_systemd_virtualization_info}
 * (new in 1.10), which 1.5 does not have and so is not compared.
 */
class DbusCollectorsParityTest {
    /** upstream 1.12's default; Debian's 1.5 adds {@code |target}. */
    private static final String EXCLUDE = "--collector.systemd.unit-exclude=.+\\.(automount|device|mount|scope|slice)";
    private static final String[] SYSTEMD_CONSTANTS = {"node_systemd_unit_state", "node_systemd_version",
        "node_systemd_system_running", "node_systemd_units", "node_systemd_timer_last_trigger_seconds",
        "node_systemd_unit_start_time_seconds", "node_systemd_unit_tasks_max", "node_systemd_socket_current_connections",
        "node_systemd_socket_refused_connections_total"};
    private static final String[] SYSTEMD_COUNTERS = {"node_systemd_service_restart_total",
        "node_systemd_socket_accepted_connections_total"};

    @RegisterExtension
    static final NspawnSystemd systemd = NspawnSystemd.perClass();

    private static List<String> flags(String... more) {
        List<String> flags = new ArrayList<>(List.of("--collector.disable-defaults", "--collector.systemd", EXCLUDE,
                "--collector.systemd.enable-task-metrics", "--collector.systemd.enable-restarts-metrics",
                "--collector.systemd.enable-start-time-metrics"));
        flags.addAll(List.of(more));
        return flags;
    }

    private static void assertSameSystemd(SideBySide.Scrapes s) {
        assertThat(s.successDifferences()).isEmpty();
        assertThat(s.ours().value("node_scrape_collector_success{collector=\"systemd\"}")).isEqualTo(1.0);
        assertThat(s.shapeDifferences("node_systemd_")).isEmpty();
        assertThat(s.valueDifferences(SYSTEMD_CONSTANTS)).isEmpty();
        assertThat(s.counterDifferences(0, SYSTEMD_COUNTERS)).isEmpty();
        assertThat(s.ours().family("node_systemd_unit_state")).hasSizeGreaterThan(100)
                .containsEntry("node_systemd_unit_state{name=\"npe-fail.service\",state=\"failed\",type=\"oneshot\"}", 1.0);
        assertThat(s.ours().family("node_systemd_virtualization_info"))
                .containsOnlyKeys("node_systemd_virtualization_info{virtualization_type=\"systemd-nspawn\"}");
    }

    @Test
    void systemdAndLogindOverTheSystemBus(@TempDir Path tmp) throws Exception {
        SideBySide.Scrapes s = SideBySide.scrape(tmp, List.of(), systemd.environment(), flags("--collector.logind"));
        assertSameSystemd(s);
        assertThat(s.shapeDifferences("node_logind_")).isEmpty();
        assertThat(s.valueDifferences("node_logind_sessions")).isEmpty();
        assertThat(s.ours().value("node_logind_sessions{class=\"background\",remote=\"false\",seat=\"\",type=\"unspecified\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void defaultFlagsWithAnIncludeAndAnExclude(@TempDir Path tmp) throws Exception {
        // (1.5 does not accept the deprecated unit-whitelist/-blacklist that 1.12 has; SystemdCollectorTest covers them)
        SideBySide.Scrapes s = SideBySide.scrape(tmp, List.of(), systemd.environment(), List.of(
                "--collector.disable-defaults", "--collector.systemd", "--collector.systemd.unit-include=npe-.+",
                "--collector.systemd.unit-exclude=npe-tick.+"));
        assertThat(s.successDifferences()).isEmpty();
        assertThat(s.shapeDifferences("node_systemd_")).isEmpty();
        assertThat(s.valueDifferences("node_systemd_unit_state", "node_systemd_units", "node_systemd_version",
                "node_systemd_socket_current_connections", "node_systemd_timer_last_trigger_seconds")).isEmpty();
        assertThat(s.ours().family("node_systemd_unit_state")).containsKey(
                "node_systemd_unit_state{name=\"npe-ok.service\",state=\"active\",type=\"simple\"}")
                .doesNotContainKey("node_systemd_unit_state{name=\"npe-tick.timer\",state=\"active\",type=\"\"}");
        assertThat(s.ours().types).doesNotContainKeys("node_systemd_service_restart_total",
                "node_systemd_unit_start_time_seconds", "node_systemd_unit_tasks_max");
    }

    @Test
    void systemdOverItsPrivateSocket(@TempDir Path tmp) throws Exception {
        // /run/systemd/private is the container's for both; no bus on the way
        SideBySide.Scrapes s = SideBySide.scrape(tmp, systemd.privateWrapper(), Map.of(),
                flags("--collector.systemd.private"));
        assertSameSystemd(s);
    }

    @Test
    void anUnreachableBusFailsBothTheSameWay(@TempDir Path tmp) throws Exception {
        SideBySide.Scrapes s = SideBySide.scrape(tmp, List.of(),
                Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + tmp.resolve("no-bus")), flags("--collector.logind"));
        assertThat(s.successDifferences()).isEmpty();
        assertThat(s.ours().value("node_scrape_collector_success{collector=\"systemd\"}")).isZero();
        assertThat(s.ours().value("node_scrape_collector_success{collector=\"logind\"}")).isZero();
        assertThat(s.theirs().types.keySet()).noneMatch(f -> f.startsWith("node_systemd") || f.startsWith("node_logind"));
        assertThat(s.ours().types.keySet()).noneMatch(f -> f.startsWith("node_systemd") || f.startsWith("node_logind"));
    }
}
