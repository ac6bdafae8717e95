package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nodeprocessexporter.testsupport.FakeDbusService.list;
import static org.nodeprocessexporter.testsupport.FakeDbusService.unit;
import static org.nodeprocessexporter.testsupport.FakeDbusService.unitPath;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.testsupport.FakeDbusService;
import org.nodeprocessexporter.testsupport.FakeDbusService.Reply;

/**
 * What a real systemd 252 does not show: an old systemd, properties missing or of another type,
 * an unknown session type: answered from a table by {@link FakeDbusService}, with upstream's
 * handling of each as the expected output.
 */
class DbusCollectorsEdgesTest {
    private static final String MANAGER_PATH = "/org/freedesktop/systemd1";
    private static final String MANAGER = "org.freedesktop.systemd1.Manager";
    private static final UInt64 MAX = new UInt64(new BigInteger("18446744073709551615"));

    private static FakeDbusService systemd(Path dir, String version, Object[]... units) throws Exception {
        FakeDbusService bus = new FakeDbusService(dir);
        if (version != null) {
            bus.property(MANAGER_PATH, MANAGER, "Version", version);
        }
        return bus.method(MANAGER_PATH, MANAGER, "ListUnits", new Reply("a(ssssssouso)", list(units)));
    }

    private static String scrape(FakeDbusService bus, String... flags) throws Exception {
        return CollectorHarness.scrape(new SystemdCollector(
                CollectorContext.fromFlags(CollectorHarness.flags(SystemdCollector.SPEC, flags)), bus.address(), false));
    }

    @Test
    void missingPropertiesLeaveOutTheirSeriesAsUpstream(@TempDir Path dir) throws Exception {
        try (FakeDbusService bus = systemd(dir, "253.5-1",
                unit("a.socket", "loaded", "active", "listening"), unit("b.socket", "loaded", "active", "listening"),
                unit("c.socket", "loaded", "active", "listening"), unit("d.service", "loaded", "reloading", "reload"),
                unit("e.service", "not-found", "inactive", "dead"), unit("f.timer", "loaded", "active", "waiting"))) {
            String sock = "org.freedesktop.systemd1.Socket";
            bus.property(MANAGER_PATH, MANAGER, "Virtualization", "").property(MANAGER_PATH, MANAGER, "SystemState",
                    "running");
            // a: no NAccepted, nothing of it; b: no NConnections, accepted only; c: no NRefused (before 239)
            bus.property(unitPath("b.socket"), sock, "NAccepted", new UInt32(3)).property(unitPath("b.socket"), sock,
                    "NRefused", new UInt32(9));
            bus.property(unitPath("c.socket"), sock, "NAccepted", new UInt32(4)).property(unitPath("c.socket"), sock,
                    "NConnections", new UInt32(1));
            // d: a Type of another D-Bus type (upstream's type assertion would panic): no type
            String svc = "org.freedesktop.systemd1.Service";
            bus.property(unitPath("d.service"), svc, "Type", new UInt32(1))
                    .property(unitPath("d.service"), svc, "TasksCurrent", MAX)
                    .property(unitPath("d.service"), svc, "TasksMax", new UInt64(512));
            // f: never triggered
            bus.property(unitPath("f.timer"), "org.freedesktop.systemd1.Timer", "LastTriggerUSec", new UInt64(0));
            assertThat(scrape(bus, "--collector.systemd.enable-task-metrics")).isEqualTo("""
                    # HELP node_systemd_socket_accepted_connections_total Total number of accepted socket connections
                    # TYPE node_systemd_socket_accepted_connections_total counter
                    node_systemd_socket_accepted_connections_total{name="b.socket"} 3.0
                    node_systemd_socket_accepted_connections_total{name="c.socket"} 4.0
                    # HELP node_systemd_socket_current_connections Current number of socket connections
                    # TYPE node_systemd_socket_current_connections gauge
                    node_systemd_socket_current_connections{name="c.socket"} 1.0
                    # HELP node_systemd_system_running Whether the system is operational (see 'systemctl is-system-running')
                    # TYPE node_systemd_system_running gauge
                    node_systemd_system_running 1.0
                    # HELP node_systemd_timer_last_trigger_seconds Seconds since epoch of last trigger.
                    # TYPE node_systemd_timer_last_trigger_seconds gauge
                    node_systemd_timer_last_trigger_seconds{name="f.timer"} 0.0
                    # HELP node_systemd_unit_state Systemd unit
                    # TYPE node_systemd_unit_state gauge
                    %s# HELP node_systemd_unit_tasks_max Maximum number of tasks per Systemd unit
                    # TYPE node_systemd_unit_tasks_max gauge
                    node_systemd_unit_tasks_max{name="d.service"} 512.0
                    # HELP node_systemd_units Summary of systemd unit states
                    # TYPE node_systemd_units gauge
                    node_systemd_units{state="activating"} 0.0
                    node_systemd_units{state="active"} 4.0
                    node_systemd_units{state="deactivating"} 0.0
                    node_systemd_units{state="failed"} 0.0
                    node_systemd_units{state="inactive"} 1.0
                    node_systemd_units{state="reloading"} 1.0
                    # HELP node_systemd_version Detected systemd version
                    # TYPE node_systemd_version gauge
                    node_systemd_version{version="253.5-1"} 253.5
                    # HELP node_systemd_virtualization_info Detected virtualization technology
                    # TYPE node_systemd_virtualization_info gauge
                    node_systemd_virtualization_info{virtualization_type="none"} 1.0
                    """.formatted(states("a.socket", "active", "b.socket", "active", "c.socket", "active", "d.service",
                    "reloading", "f.timer", "active")));
        }
    }

    /** unit_state lines for name/state pairs, with an empty type. */
    private static String states(String... nameState) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nameState.length; i += 2) {
            for (String s : new String[] {"activating", "active", "deactivating", "failed", "inactive"}) {
                b.append("node_systemd_unit_state{name=\"").append(nameState[i]).append("\",state=\"").append(s)
                        .append("\",type=\"\"} ").append(s.equals(nameState[i + 1]) ? "1.0" : "0.0").append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void beforeSystemd212NoTimersNorSystemStateAndAnUnreadableVersionIsZero(@TempDir Path dir) throws Exception {
        try (FakeDbusService bus = systemd(dir, "systemd 211", unit("f.timer", "loaded", "active", "waiting"))) {
            bus.property(unitPath("f.timer"), "org.freedesktop.systemd1.Timer", "LastTriggerUSec", new UInt64(5));
            String out = scrape(bus);
            assertThat(out).doesNotContain("node_systemd_timer_last_trigger_seconds", "node_systemd_system_running")
                    .contains("node_systemd_version{version=\"systemd 211\"} 211.0")
                    .contains("node_systemd_virtualization_info{virtualization_type=\"unknown\"} 1.0");
        }
        try (FakeDbusService bus = systemd(dir, null, unit("f.timer", "loaded", "active", "waiting"))) {
            assertThat(scrape(bus)).contains("node_systemd_version{version=\"\"} 0.0")
                    .doesNotContain("node_systemd_timer_last_trigger_seconds");
        }
        try (FakeDbusService bus = systemd(dir, "unknown", unit("f.timer", "loaded", "active", "waiting"))) {
            assertThat(scrape(bus)).contains("node_systemd_version{version=\"\"} 0.0");
        }
    }

    @Test
    void aSystemStateThatCannotBeReadFailsTheCollectorButKeepsWhatWasRead(@TempDir Path dir) throws Exception {
        try (FakeDbusService bus = systemd(dir, "252", unit("a.service", "loaded", "active", "running"))) {
            bus.property(unitPath("a.service"), "org.freedesktop.systemd1.Service", "Type", "notify");
            SystemdCollector c = new SystemdCollector(
                    CollectorContext.fromFlags(CollectorHarness.flags(SystemdCollector.SPEC)), bus.address(), false);
            MetricSink sink = new MetricSink();
            assertThatThrownBy(() -> c.collect(sink)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("couldn't get system state");
            assertThat(CollectorHarness.text(sink.snapshots()))
                    .contains("node_systemd_unit_state{name=\"a.service\",state=\"active\",type=\"notify\"} 1.0");
        }
        try (FakeDbusService bus = new FakeDbusService(dir)) { // no ListUnits
            assertThatThrownBy(() -> scrape(bus)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("couldn't get units");
        }
    }

    @Test
    void logindCountsUnknownTypesAndClassesAsOtherAndSkipsUnreadableSessions(@TempDir Path dir) throws Exception {
        String login = "/org/freedesktop/login1";
        String manager = "org.freedesktop.login1.Manager";
        String session = "org.freedesktop.login1.Session";
        try (FakeDbusService bus = new FakeDbusService(dir)) {
            bus.method(login, manager, "ListSeats", new Reply("a(so)", list(
                    new Object[] {"seat0", new DBusPath(login + "/seat/seat0")},
                    new Object[] {"seat1", new DBusPath(login + "/seat/seat1")})));
            bus.method(login, manager, "ListSessions", new Reply("a(susso)", list(
                    new Object[] {"1", new UInt32(1000), "u", "seat0", new DBusPath(login + "/session/_31")},
                    new Object[] {"2", new UInt32(1000), "u", "", new DBusPath(login + "/session/_32")},
                    new Object[] {"3", new UInt32(1000), "u", "", new DBusPath(login + "/session/_33")},
                    new Object[] {"4", new UInt32(0), "root", "seat9", new DBusPath(login + "/session/_34")})));
            bus.property(login + "/session/_31", session, "Remote", false).property(login + "/session/_31", session,
                    "Type", "x11").property(login + "/session/_31", session, "Class", "user");
            bus.property(login + "/session/_32", session, "Remote", true).property(login + "/session/_32", session,
                    "Type", "tty").property(login + "/session/_32", session, "Class", "manager");
            bus.property(login + "/session/_33", session, "Remote", true); // no Type: not counted
            bus.property(login + "/session/_34", session, "Remote", false).property(login + "/session/_34", session,
                    "Type", "nope").property(login + "/session/_34", session, "Class", "user"); // a seat not listed
            String out = CollectorHarness.scrape(new LogindCollector(
                    CollectorContext.fromFlags(CollectorHarness.flags(LogindCollector.SPEC)), bus.address()));
            var samples = ScrapedSamples.of(out);
            assertThat(samples).hasSize(2 * 7 * 5 * 3);
            assertThat(samples).containsEntry(
                    "node_logind_sessions{class=\"user\",remote=\"false\",seat=\"seat0\",type=\"x11\"}", 1.0)
                    .containsEntry("node_logind_sessions{class=\"other\",remote=\"true\",seat=\"\",type=\"tty\"}", 1.0);
            assertThat(samples.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(2.0);
        }
    }
}
