package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nodeprocessexporter.testsupport.FakeDbusService.unitPath;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.NspawnSystemd;

/**
 * The systemd collector against a real systemd 252 booted in an nspawn container
 * ({@link NspawnSystemd}), its answers checked against what {@code busctl} reads from the same
 * bus.
 */
class SystemdCollectorTest {
    @RegisterExtension
    static final NspawnSystemd systemd = NspawnSystemd.perClass();

    static SystemdCollector collector(String address, boolean privateSocket, String... args) throws Exception {
        return new SystemdCollector(CollectorContext.fromFlags(CollectorHarness.flags(SystemdCollector.SPEC, args)),
                address, privateSocket);
    }

    static String scrape(String... args) throws Exception {
        return CollectorHarness.scrape(collector(systemd.busAddress(), false, args));
    }

    /** A property as busctl prints it ({@code t 1796320034655648}), without the type. */
    static String property(String path, String iface, String name) throws Exception {
        String out = systemd.busctl("get-property", "org.freedesktop.systemd1", path, iface, name);
        return out.substring(out.indexOf(' ') + 1);
    }

    @Test
    void testUnitsWithEveryFlagAsBusctlSeesThem() throws Exception {
        String out = scrape("--collector.systemd.unit-include=npe-.+", "--collector.systemd.enable-task-metrics",
                "--collector.systemd.enable-restarts-metrics", "--collector.systemd.enable-start-time-metrics");
        String version = property("/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager", "Version");
        version = version.substring(1, version.length() - 1);
        assertThat(ScrapedSamples.lines(out, "node_systemd_unit_state")).isEqualTo(unitStates());
        assertThat(ScrapedSamples.lines(out, "node_systemd_s")).isEqualTo("""
                # HELP node_systemd_service_restart_total Service unit count of Restart triggers
                # TYPE node_systemd_service_restart_total counter
                node_systemd_service_restart_total{name="npe-fail.service"} 0.0
                node_systemd_service_restart_total{name="npe-ok.service"} 0.0
                node_systemd_service_restart_total{name="npe-session.service"} 0.0
                node_systemd_service_restart_total{name="npe-tick.service"} 0.0
                # HELP node_systemd_socket_accepted_connections_total Total number of accepted socket connections
                # TYPE node_systemd_socket_accepted_connections_total counter
                node_systemd_socket_accepted_connections_total{name="npe-echo.socket"} %s
                # HELP node_systemd_socket_current_connections Current number of socket connections
                # TYPE node_systemd_socket_current_connections gauge
                node_systemd_socket_current_connections{name="npe-echo.socket"} %s
                # HELP node_systemd_socket_refused_connections_total Total number of refused socket connections
                # TYPE node_systemd_socket_refused_connections_total gauge
                node_systemd_socket_refused_connections_total{name="npe-echo.socket"} 0.0
                # HELP node_systemd_system_running Whether the system is operational (see 'systemctl is-system-running')
                # TYPE node_systemd_system_running gauge
                node_systemd_system_running 0.0
                """.formatted(socketCount("NAccepted"), socketCount("NConnections")));
        assertThat(ScrapedSamples.lines(out, "node_systemd_v")).isEqualTo("""
                # HELP node_systemd_version Detected systemd version
                # TYPE node_systemd_version gauge
                node_systemd_version{version="%s"} %s
                # HELP node_systemd_virtualization_info Detected virtualization technology
                # TYPE node_systemd_virtualization_info gauge
                node_systemd_virtualization_info{virtualization_type="systemd-nspawn"} 1.0
                """.formatted(version, Double.parseDouble(version.replaceAll("^([0-9]+(\\.[0-9]+)?).*", "$1"))));

        // timestamps and limits are the host's: as busctl reads them
        String timer = unitPath("npe-tick.timer");
        assertThat(ScrapedSamples.value(out, "node_systemd_timer_last_trigger_seconds{name=\"npe-tick.timer\"}"))
                .isEqualTo(Long.parseLong(property(timer, "org.freedesktop.systemd1.Timer", "LastTriggerUSec")) / 1e6)
                .isPositive();
        for (String unit : List.of("npe-ok.service", "npe-echo.socket", "npe-tick.timer", "npe-session.service")) {
            assertThat(ScrapedSamples.value(out, "node_systemd_unit_start_time_seconds{name=\"" + unit + "\"}")).as(unit)
                    .isEqualTo(Long.parseLong(property(unitPath(unit), "org.freedesktop.systemd1.Unit",
                            "ActiveEnterTimestamp")) / 1e6);
        }
        // not active: 0 without asking
        assertThat(ScrapedSamples.value(out, "node_systemd_unit_start_time_seconds{name=\"npe-fail.service\"}")).isZero();
        for (String unit : List.of("npe-ok.service", "npe-fail.service", "npe-tick.service", "npe-session.service")) {
            String max = property(unitPath(unit), "org.freedesktop.systemd1.Service", "TasksMax");
            String series = "node_systemd_unit_tasks_max{name=\"" + unit + "\"}";
            if (max.equals("18446744073709551615")) {
                assertThat(out).doesNotContain(series);
            } else {
                assertThat(ScrapedSamples.value(out, series)).isEqualTo(Double.parseDouble(max));
            }
            String current = property(unitPath(unit), "org.freedesktop.systemd1.Service", "TasksCurrent");
            assertThat(out.contains("node_systemd_unit_tasks_current{name=\"" + unit + "\"}"))
                    .as(unit + " TasksCurrent " + current).isEqualTo(!current.equals("18446744073709551615"));
        }
    }

    private static String socketCount(String property) throws Exception {
        return Double.toString(Long.parseLong(property(unitPath("npe-echo.socket"), "org.freedesktop.systemd1.Socket",
                property)));
    }

    /** The five states of each test unit (targets pass 1.12's default exclude), with the service types. */
    private static String unitStates() {
        StringBuilder b = new StringBuilder("# HELP node_systemd_unit_state Systemd unit\n"
                + "# TYPE node_systemd_unit_state gauge\n");
        String[][] units = {
            {"npe-echo.socket", "active", ""}, {"npe-fail.service", "failed", "oneshot"},
            {"npe-ok.service", "active", "simple"}, {"npe-session.service", "active", "simple"},
            {"npe-test.target", "active", ""}, {"npe-tick.service", "inactive", "oneshot"},
            {"npe-tick.timer", "active", ""}};
        for (String[] u : units) {
            for (String s : new String[] {"activating", "active", "deactivating", "failed", "inactive"}) {
                b.append("node_systemd_unit_state{name=\"").append(u[0]).append("\",state=\"").append(s)
                        .append("\",type=\"").append(u[2]).append("\"} ").append(s.equals(u[1]) ? "1.0" : "0.0")
                        .append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void withoutTheFlagsTheOptionalFamiliesAreLeftOutAndTheSummaryCountsEveryUnit() throws Exception {
        String out = scrape();
        assertThat(out).doesNotContain("node_systemd_service_restart_total", "node_systemd_unit_tasks_",
                "node_systemd_unit_start_time_seconds");
        // the default exclude drops .slice, .mount, ...; and units that are not loaded are left out
        assertThat(out).contains("name=\"npe-ok.service\"").doesNotContain("name=\"-.slice\"")
                .doesNotContain(".mount\"").doesNotContain("name=\"auditd.service\"");
        String listed = systemd.busctl("call", "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                "org.freedesktop.systemd1.Manager", "ListUnits");
        int units = Integer.parseInt(listed.split(" ")[1]);
        double summed = 0;
        for (String s : new String[] {"active", "activating", "deactivating", "inactive", "failed"}) {
            summed += ScrapedSamples.value(out, "node_systemd_units{state=\"" + s + "\"}");
        }
        assertThat(summed).isEqualTo(units);
        assertThat(ScrapedSamples.value(out, "node_systemd_units{state=\"failed\"}")).isEqualTo(1.0);
    }

    @Test
    void anOpenConnectionToATestSocketIsCounted() throws Exception {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(systemd.ipc.resolve("echo.sock")));
            String path = unitPath("npe-echo.socket");
            for (int i = 0; i < 100 && !property(path, "org.freedesktop.systemd1.Socket", "NConnections").equals("1"); i++) {
                Thread.sleep(50);
            }
            String out = scrape("--collector.systemd.unit-include=npe-echo.*");
            assertThat(ScrapedSamples.value(out, "node_systemd_socket_current_connections{name=\"npe-echo.socket\"}"))
                    .isEqualTo(1.0);
            assertThat(ScrapedSamples.value(out,
                    "node_systemd_socket_accepted_connections_total{name=\"npe-echo.socket\"}")).isGreaterThanOrEqualTo(1);
            // the instance serving it is a unit of its own
            assertThat(out).containsPattern("name=\"npe-echo@[^\"]+\\.service\",state=\"active\",type=\"simple\"} 1.0");
        }
        // the other tests expect no open connection
        String path = unitPath("npe-echo.socket");
        for (int i = 0; i < 100 && !property(path, "org.freedesktop.systemd1.Socket", "NConnections").equals("0"); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void includeAndExcludeAreAnchoredAndBothApply() throws Exception {
        String out = scrape("--collector.systemd.unit-include=npe-(ok|fail)", "--collector.systemd.unit-exclude=.*fail.*");
        assertThat(out).doesNotContain("npe-ok.service"); // "npe-(ok|fail)" does not match all of "npe-ok.service"
        out = scrape("--collector.systemd.unit-include=npe-(ok|fail)\\.service",
                "--collector.systemd.unit-exclude=.*fail.*");
        assertThat(out).contains("name=\"npe-ok.service\"").doesNotContain("npe-fail");
        // the deprecated names still work
        assertThat(scrape("--collector.systemd.unit-whitelist=npe-ok\\.service")).contains("npe-ok.service")
                .doesNotContain("npe-fail");
        assertThat(scrape("--collector.systemd.unit-include=npe-.*", "--collector.systemd.unit-blacklist=npe-ok.*"))
                .contains("npe-fail.service").doesNotContain("npe-ok");
    }

    @Test
    void anInvalidPatternStopsStartUpNamingTheFlag() {
        assertThatThrownBy(() -> collector(systemd.busAddress(), false, "--collector.systemd.unit-include=(npe"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--collector.systemd.unit-include");
    }

    @Test
    void flagsAndDefaultsAreUpstreams() {
        Map<String, String> defaults = new java.util.TreeMap<>();
        SystemdCollector.SPEC.allFlags().forEach(f -> defaults.put(f.name(), f.defaultValue()));
        assertThat(defaults).containsExactlyInAnyOrderEntriesOf(Map.of(
                "collector.systemd", "false",
                "collector.systemd.unit-include", ".+",
                "collector.systemd.unit-exclude", ".+\\.(automount|device|mount|scope|slice)",
                "collector.systemd.private", "false",
                "collector.systemd.enable-task-metrics", "false",
                "collector.systemd.enable-restarts-metrics", "false",
                "collector.systemd.enable-start-time-metrics", "false"));
    }
}
