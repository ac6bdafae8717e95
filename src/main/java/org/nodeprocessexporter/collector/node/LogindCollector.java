package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.dbus.BusCall;
import org.nodeprocessexporter.dbus.BusConnection;
import org.nodeprocessexporter.dbus.BusReply;

/**
 * node_exporter's {@code logind}: the sessions systemd-logind knows, counted by seat, remote, type
 * and class, over one system-bus connection per scrape ({@code DBUS_SYSTEM_BUS_ADDRESS}, else
 * {@code /var/run/dbus/system_bus_socket}): {@code Manager.ListSeats}, {@code ListSessions}, and
 * each session's {@code Remote}, {@code Type} and {@code Class}. As upstream, every combination of
 * the known values (taken from logind as of systemd v229; an unknown type or class counts as
 * {@code other}) is exported for every seat and for the empty seat of remote sessions, so the
 * family has the same series whether sessions come or go; a session whose properties cannot be
 * read is not counted. Bounded by {@code --collector.scrape-timeout}, connect included.
 */
public final class LogindCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("logind", false, LogindCollector::create);

    private static final String[] REMOTE = {"true", "false"};
    private static final String[] TYPES = {"other", "unspecified", "tty", "x11", "wayland", "mir", "web"};
    private static final String[] CLASSES = {"other", "user", "greeter", "lock-screen", "background"};
    private static final String LOGIN1 = "org.freedesktop.login1";
    private static final String PATH = "/org/freedesktop/login1";
    private static final String MANAGER = "org.freedesktop.login1.Manager";
    private static final String SESSION = "org.freedesktop.login1.Session";

    private final String address;
    private final Duration timeout;

    LogindCollector(CollectorContext ctx, String address) {
        this.address = address;
        this.timeout = SystemdCollector.budget(ctx);
    }

    private static Collector create(CollectorContext ctx) {
        return new LogindCollector(ctx, BusConnection.systemBusAddress(System.getenv()));
    }

    private record Session(String seat, String remote, String type, String sessionClass) {
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        BusConnection bus;
        try {
            bus = BusConnection.open(address, true, timeout);
        } catch (IOException e) {
            throw new IOException("unable to connect to dbus: " + e.getMessage(), e);
        }
        try (bus) {
            List<BusReply> lists = bus.callAll(List.of(new BusCall(LOGIN1, PATH, MANAGER, "ListSeats", null),
                    new BusCall(LOGIN1, PATH, MANAGER, "ListSessions", null)));
            List<String> seats = new ArrayList<>();
            for (Object[] seat : entries(lists.get(0), 2, "seats")) {
                seats.add((String) seat[0]);
            }
            seats.add(""); // the seat of remote sessions (SSH), always there
            List<Object[]> listed = entries(lists.get(1), 5, "sessions");
            List<BusCall> calls = new ArrayList<>(listed.size() * 3);
            for (Object[] s : listed) {
                String path = (String) s[4];
                calls.add(BusCall.getProperty(LOGIN1, path, SESSION, "Remote"));
                calls.add(BusCall.getProperty(LOGIN1, path, SESSION, "Type"));
                calls.add(BusCall.getProperty(LOGIN1, path, SESSION, "Class"));
            }
            List<BusReply> props = bus.callAll(calls);
            Map<Session, Integer> counts = new HashMap<>();
            for (int i = 0; i < listed.size(); i++) {
                Object remote = props.get(3 * i).first();
                Object type = props.get(3 * i + 1).first();
                Object sessionClass = props.get(3 * i + 2).first();
                if (remote instanceof Boolean b && type instanceof String t && sessionClass instanceof String c) {
                    counts.merge(new Session((String) listed.get(i)[3], b.toString(), knownOrOther(t, TYPES),
                            knownOrOther(c, CLASSES)), 1, Integer::sum);
                }
            }
            MetricFamily f = sink.gauge("node_logind_sessions", "Number of sessions registered in logind.", "seat",
                    "remote", "type", "class");
            for (String remote : REMOTE) {
                for (String type : TYPES) {
                    for (String sessionClass : CLASSES) {
                        for (String seat : seats) {
                            f.add(counts.getOrDefault(new Session(seat, remote, type, sessionClass), 0), seat, remote,
                                    type, sessionClass);
                        }
                    }
                }
            }
        }
    }

    /**
     * The structs of a {@code ListSeats} ({@code a(so)}) or {@code ListSessions} ({@code a(susso)})
     * reply; the id, seat and path fields must be strings, as godbus' Store demands.
     */
    private static List<Object[]> entries(BusReply reply, int fields, String what) throws IOException {
        if (reply.isError() || !(reply.first() instanceof List<?> list)) {
            throw new IOException("unable to get " + what + ": " + (reply.isError() ? reply.error() : "unexpected reply"));
        }
        List<Object[]> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Object[] f) || f.length != fields || !(f[0] instanceof String)
                    || !(f[fields - 1] instanceof String) || (fields == 5 && !(f[3] instanceof String))) {
                throw new IOException("unable to get " + what + ": unexpected entry");
            }
            out.add(f);
        }
        return out;
    }

    private static String knownOrOther(String value, String[] known) {
        for (String k : known) {
            if (k.equals(value)) {
                return value;
            }
        }
        return "other";
    }
}
