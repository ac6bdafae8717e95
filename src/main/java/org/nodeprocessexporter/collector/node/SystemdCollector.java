package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.dbus.BusCall;
import org.nodeprocessexporter.dbus.BusConnection;
import org.nodeprocessexporter.dbus.BusReply;

/**
 * node_exporter's {@code systemd}: the units of the system manager and its state, over D-Bus as
 * upstream's go-systemd asks for them. Each scrape opens one connection to the system bus
 * ({@code DBUS_SYSTEM_BUS_ADDRESS}, else {@code /var/run/dbus/system_bus_socket}), or with
 * {@code --collector.systemd.private} straight to systemd's {@code /run/systemd/private}, and
 * closes it after: {@code Manager.Version} and {@code Virtualization}, {@code ListUnits}, then per
 * unit that passes the filters the {@code Properties.Get} calls upstream makes ({@code Service.Type}
 * / {@code Mount.Type}; {@code NRestarts}, {@code TasksCurrent}/{@code TasksMax},
 * {@code ActiveEnterTimestamp} when their flags ask; {@code Socket.NAccepted}, {@code NConnections},
 * {@code NRefused}; {@code Timer.LastTriggerUSec}), and {@code SystemState}. A unit counts when
 * its name matches the anchored include and not the anchored exclude pattern and it is loaded;
 * {@code node_systemd_units} counts every unit. A property that cannot be read leaves that one
 * series out, as upstream; a failed connection, {@code ListUnits} or {@code SystemState} fails the
 * collector (keeping what was read before it, as node_exporter does).
 *
 * <p>Upstream makes the calls one after the other on four goroutines; here they are pipelined on
 * the one connection (see {@link BusConnection}), which gives the same answers in fewer round
 * trips. The whole scrape, connect included, is bounded by {@code --collector.scrape-timeout}.
 */
public final class SystemdCollector implements Collector {
    static final String UNIT_INCLUDE = "collector.systemd.unit-include";
    static final String UNIT_EXCLUDE = "collector.systemd.unit-exclude";
    static final String PRIVATE = "collector.systemd.private";
    static final String TASKS = "collector.systemd.enable-task-metrics";
    static final String RESTARTS = "collector.systemd.enable-restarts-metrics";
    static final String START_TIME = "collector.systemd.enable-start-time-metrics";
    private static final String UNIT_HELP =
            " Units must both match include and not match exclude to be included.";

    public static final CollectorSpec SPEC = CollectorSpec.of("systemd", false, SystemdCollector::create,
            Flag.string(UNIT_INCLUDE, ".+", "Regexp of systemd units to include." + UNIT_HELP)
                    .withAliases("collector.systemd.unit-whitelist"),
            Flag.string(UNIT_EXCLUDE, ".+\\.(automount|device|mount|scope|slice)",
                    "Regexp of systemd units to exclude." + UNIT_HELP)
                    .withAliases("collector.systemd.unit-blacklist"),
            Flag.bool(PRIVATE, false, "Establish a private, direct connection to systemd without dbus (Strongly "
                    + "discouraged since it requires root. For testing purposes only)."),
            Flag.bool(TASKS, false, "Enables service unit tasks metrics unit_tasks_current and unit_tasks_max"),
            Flag.bool(RESTARTS, false, "Enables service unit metric service_restart_total"),
            Flag.bool(START_TIME, false, "Enables service unit metric unit_start_time_seconds"));

    /** go-systemd's address for {@code NewSystemdConnection}. */
    static final String PRIVATE_SOCKET = "unix:path=/run/systemd/private";
    /** The first version with the {@code SystemState} property and {@code Timer.LastTriggerUSec}. */
    private static final double MIN_VERSION_SYSTEM_STATE = 212;
    private static final Pattern VERSION = Pattern.compile("[0-9]{3,}(\\.[0-9]+)?");
    private static final String[] STATES = {"active", "activating", "deactivating", "inactive", "failed"};
    private static final String SYSTEMD = "org.freedesktop.systemd1";
    private static final String MANAGER_PATH = "/org/freedesktop/systemd1";
    private static final String MANAGER = "org.freedesktop.systemd1.Manager";

    private final String address;
    private final boolean privateSocket;
    private final Duration timeout;
    private final Pattern include;
    private final Pattern exclude;
    private final boolean tasks;
    private final boolean restarts;
    private final boolean startTime;

    SystemdCollector(CollectorContext ctx, String address, boolean privateSocket) throws UsageException {
        this.address = address;
        this.privateSocket = privateSocket;
        this.timeout = budget(ctx);
        String includeText = ctx.flags().string(UNIT_INCLUDE);
        String excludeText = ctx.flags().string(UNIT_EXCLUDE);
        Log.info("Parsed flag --" + UNIT_INCLUDE, "collector", "systemd", "flag", includeText);
        this.include = anchored(UNIT_INCLUDE, includeText);
        Log.info("Parsed flag --" + UNIT_EXCLUDE, "collector", "systemd", "flag", excludeText);
        this.exclude = anchored(UNIT_EXCLUDE, excludeText);
        this.tasks = ctx.flags().bool(TASKS);
        this.restarts = ctx.flags().bool(RESTARTS);
        this.startTime = ctx.flags().bool(START_TIME);
    }

    private static Collector create(CollectorContext ctx) throws UsageException {
        boolean privateSocket = ctx.flags().bool(PRIVATE);
        String address = privateSocket ? PRIVATE_SOCKET : BusConnection.systemBusAddress(System.getenv());
        return new SystemdCollector(ctx, address, privateSocket);
    }

    /** What one scrape may spend on D-Bus: the scrape's whole budget at most. */
    static Duration budget(CollectorContext ctx) {
        String flag = "collector.scrape-timeout";
        return ctx.flags().has(flag) ? ctx.flags().duration(flag) : Duration.ofSeconds(10);
    }

    /** upstream's {@code ^(?:pattern)$}. */
    private static Pattern anchored(String flag, String text) throws UsageException {
        try {
            return Pattern.compile("^(?:" + text + ")$");
        } catch (PatternSyntaxException e) {
            throw new UsageException("invalid regexp \"" + text + "\" for flag --" + flag + ": " + e.getDescription());
        }
    }

    /** One entry of {@code ListUnits}: the fields the collector uses. */
    record Unit(String name, String loadState, String activeState, String path) {
        boolean is(String suffix) {
            return name.endsWith(suffix);
        }
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        BusConnection bus;
        try {
            bus = BusConnection.open(address, !privateSocket, timeout);
        } catch (IOException e) {
            throw new IOException("couldn't get dbus connection: " + e.getMessage(), e);
        }
        try (bus) {
            List<BusReply> first = bus.callAll(List.of(managerProperty("Version"), managerProperty("Virtualization"),
                    new BusCall(SYSTEMD, MANAGER_PATH, MANAGER, "ListUnits", null)));
            double version = version(sink, first.get(0));
            virtualization(sink, first.get(1));
            List<Unit> all = units(first.get(2));
            summary(sink, all);
            List<Unit> units = new ArrayList<>();
            for (Unit u : all) {
                if (include.matcher(u.name()).matches() && !exclude.matcher(u.name()).matches()
                        && u.loadState().equals("loaded")) {
                    units.add(u);
                }
            }
            boolean recent = version >= MIN_VERSION_SYSTEM_STATE;
            if (!recent) {
                Log.debug("Detected systemd version is lower than minimum, some systemd state and timer metrics "
                        + "will not be available", "current", version, "minimum", MIN_VERSION_SYSTEM_STATE);
            }
            Queries q = new Queries(units, recent);
            List<BusReply> answers = bus.callAll(q.calls);
            emit(sink, units, q, answers);
            if (recent) {
                BusReply state = answers.get(answers.size() - 1);
                if (state.isError() || !(state.first() instanceof String s)) {
                    throw new IOException("couldn't get system state: " + state.error());
                }
                sink.gauge("node_systemd_system_running",
                        "Whether the system is operational (see 'systemctl is-system-running')",
                        s.equals("running") ? 1 : 0);
            }
        }
    }

    private static BusCall managerProperty(String name) {
        return BusCall.getProperty(SYSTEMD, MANAGER_PATH, MANAGER, name);
    }

    /** The version as upstream parses it: the first 3+ digit number (with its decimals) of the string. */
    private static double version(MetricSink sink, BusReply reply) {
        double value = 0;
        String full = "";
        if (reply.first() instanceof String s) {
            Matcher m = VERSION.matcher(s);
            if (m.find()) {
                value = Double.parseDouble(m.group());
                full = s;
            } else {
                Log.debug("Got invalid systemd version", "version", s);
            }
        } else {
            Log.debug("Unable to get systemd version property, defaulting to 0");
        }
        sink.gauge("node_systemd_version", "Detected systemd version", "version").add(value, full);
        return value;
    }

    private static void virtualization(MetricSink sink, BusReply reply) {
        String virt;
        if (reply.first() instanceof String s) {
            virt = s.isEmpty() ? "none" : s; // bare metal is the empty string
        } else {
            Log.debug("Could not get Virtualization property", "err", reply.error());
            virt = "unknown";
        }
        sink.gauge("node_systemd_virtualization_info", "Detected virtualization technology", "virtualization_type")
                .add(1, virt);
    }

    /** {@code ListUnits}' {@code a(ssssssouso)}: name, description, load, active, sub, following, path, ... */
    private static List<Unit> units(BusReply reply) throws IOException {
        if (reply.isError() || !(reply.first() instanceof List<?> list)) {
            throw new IOException("couldn't get units: " + (reply.isError() ? reply.error() : "unexpected reply"));
        }
        List<Unit> units = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o instanceof Object[] f && f.length >= 7 && f[0] instanceof String name && f[2] instanceof String load
                    && f[3] instanceof String active && f[6] instanceof String path) {
                units.add(new Unit(name, load, active, path));
            } else {
                throw new IOException("couldn't get units: unexpected entry in ListUnits");
            }
        }
        return units;
    }

    /** Every unit by active state, the five usual ones always present. */
    private static void summary(MetricSink sink, List<Unit> units) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : STATES) {
            counts.put(s, 0);
        }
        for (Unit u : units) {
            counts.merge(u.activeState(), 1, Integer::sum);
        }
        MetricFamily f = sink.gauge("node_systemd_units", "Summary of systemd unit states", "state");
        counts.forEach((state, n) -> f.add(n, state));
    }

    /**
     * The property reads of one scrape, in one list, and where each unit's answers are in it:
     * {@code at[i][k]} is the index of property {@code k} of unit {@code i}, or -1 when not asked.
     */
    private final class Queries {
        static final int TYPE = 0;
        static final int RESTARTS = 1;
        static final int ACCEPTED = 2;
        static final int CONNECTIONS = 3;
        static final int REFUSED = 4;
        static final int ENTERED = 5;
        static final int TASKS_CURRENT = 6;
        static final int TASKS_MAX = 7;
        static final int LAST_TRIGGER = 8;

        final List<BusCall> calls = new ArrayList<>();
        final int[][] at;

        Queries(List<Unit> units, boolean recent) {
            at = new int[units.size()][9];
            for (int i = 0; i < units.size(); i++) {
                Unit u = units.get(i);
                int[] slots = at[i];
                java.util.Arrays.fill(slots, -1);
                if (u.is(".service")) {
                    slots[TYPE] = ask(u, "Service", "Type");
                    if (restarts) {
                        slots[RESTARTS] = ask(u, "Service", "NRestarts");
                    }
                    if (tasks) {
                        slots[TASKS_CURRENT] = ask(u, "Service", "TasksCurrent");
                        slots[TASKS_MAX] = ask(u, "Service", "TasksMax");
                    }
                } else if (u.is(".mount")) {
                    slots[TYPE] = ask(u, "Mount", "Type");
                }
                if (u.is(".socket")) {
                    slots[ACCEPTED] = ask(u, "Socket", "NAccepted");
                    slots[CONNECTIONS] = ask(u, "Socket", "NConnections");
                    slots[REFUSED] = ask(u, "Socket", "NRefused");
                }
                if (startTime && u.activeState().equals("active")) {
                    slots[ENTERED] = ask(u, "Unit", "ActiveEnterTimestamp");
                }
                if (recent && u.is(".timer")) {
                    slots[LAST_TRIGGER] = ask(u, "Timer", "LastTriggerUSec");
                }
            }
            if (recent) {
                calls.add(managerProperty("SystemState")); // last, where collect() looks for it
            }
        }

        private int ask(Unit u, String type, String property) {
            calls.add(BusCall.getProperty(SYSTEMD, u.path(), SYSTEMD + "." + type, property));
            return calls.size() - 1;
        }
    }

    private void emit(MetricSink sink, List<Unit> units, Queries q, List<BusReply> answers) {
        MetricFamily state = sink.gauge("node_systemd_unit_state", "Systemd unit", "name", "state", "type");
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            int[] at = q.at[i];
            String type = "";
            if (at[Queries.TYPE] >= 0) {
                BusReply r = answers.get(at[Queries.TYPE]);
                if (r.first() instanceof String s) {
                    type = s;
                } else {
                    Log.debug("couldn't get unit type", "unit", u.name(), "err", r.error());
                }
            }
            for (String s : STATES) {
                state.add(s.equals(u.activeState()) ? 1 : 0, u.name(), s, type);
            }
            Long n = number(answers, at[Queries.RESTARTS]);
            if (n != null) {
                sink.counter("node_systemd_service_restart_total", "Service unit count of Restart triggers", "name")
                        .add(unsigned(n), u.name());
            }
            sockets(sink, u, at, answers);
            if (startTime) {
                Long entered = u.activeState().equals("active") ? number(answers, at[Queries.ENTERED]) : Long.valueOf(0);
                if (entered != null) {
                    sink.gauge("node_systemd_unit_start_time_seconds",
                            "Start time of the unit since unix epoch in seconds.", "name")
                            .add(unsigned(entered) / 1e6, u.name());
                }
            }
            Long current = number(answers, at[Queries.TASKS_CURRENT]);
            if (current != null && current != -1L) { // MaxUint64: not counted
                sink.gauge("node_systemd_unit_tasks_current", "Current number of tasks per Systemd unit", "name")
                        .add(unsigned(current), u.name());
            }
            Long max = number(answers, at[Queries.TASKS_MAX]);
            if (max != null && max != -1L) { // MaxUint64: unlimited
                sink.gauge("node_systemd_unit_tasks_max", "Maximum number of tasks per Systemd unit", "name")
                        .add(unsigned(max), u.name());
            }
            Long trigger = number(answers, at[Queries.LAST_TRIGGER]);
            if (trigger != null) {
                sink.gauge("node_systemd_timer_last_trigger_seconds", "Seconds since epoch of last trigger.", "name")
                        .add(unsigned(trigger) / 1e6, u.name());
            }
        }
    }

    /** Upstream skips the rest of a socket once one of its counters cannot be read; NRefused (239+) alone. */
    private static void sockets(MetricSink sink, Unit u, int[] at, List<BusReply> answers) {
        if (at[Queries.ACCEPTED] < 0) {
            return;
        }
        Long accepted = number(answers, at[Queries.ACCEPTED]);
        if (accepted == null) {
            return;
        }
        sink.counter("node_systemd_socket_accepted_connections_total", "Total number of accepted socket connections",
                "name").add(unsigned(accepted), u.name());
        Long connections = number(answers, at[Queries.CONNECTIONS]);
        if (connections == null) {
            return;
        }
        sink.gauge("node_systemd_socket_current_connections", "Current number of socket connections", "name")
                .add(unsigned(connections), u.name());
        Long refused = number(answers, at[Queries.REFUSED]);
        if (refused != null) {
            // a gauge named like a counter: upstream's type
            sink.gauge("node_systemd_socket_refused_connections_total", "Total number of refused socket connections",
                    "name").add(unsigned(refused), u.name());
        }
    }

    /** The integer property at {@code index}, or null when not asked, refused or of another type. */
    private static Long number(List<BusReply> answers, int index) {
        if (index < 0) {
            return null;
        }
        BusReply r = answers.get(index);
        if (r.first() instanceof Long l) {
            return l;
        }
        Log.debug("couldn't get unit property", "err", r.error());
        return null;
    }

    /** A D-Bus unsigned 32/64-bit value (held in a long's bits) as Go's float64(uint64) gives it. */
    static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
