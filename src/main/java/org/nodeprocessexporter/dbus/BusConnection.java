package org.nodeprocessexporter.dbus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.transports.AbstractTransport;
import org.freedesktop.dbus.connections.transports.TransportBuilder;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.messages.MethodReturn;
import org.freedesktop.dbus.types.Variant;

/**
 * One connection to a message bus, or straight to a service's private socket, for the length of
 * one scrape: dbus-java's transport (the unix socket and the SASL EXTERNAL handshake) and its
 * message codec, with every call made synchronously on the caller's thread. dbus-java's
 * {@code DBusConnection} would start a reader thread and four executor pools per connection to
 * dispatch signals and incoming calls; a client that only asks questions needs none of them, so
 * a connection here adds no thread (beyond the shared {@link Deadline} timer).
 *
 * <p>Calls given together are pipelined: up to {@value #WINDOW} are on the wire at once and the
 * replies are matched by serial, so a few hundred property reads cost a few round trips.
 * Everything, from the connect to the last reply, must finish within the timeout given to
 * {@link #open}.
 */
public final class BusConnection implements AutoCloseable {
    /** libdbus' and godbus' default when {@code DBUS_SYSTEM_BUS_ADDRESS} is not set. */
    public static final String DEFAULT_SYSTEM_BUS = "unix:path=/var/run/dbus/system_bus_socket";
    static final int WINDOW = 32;

    private final AbstractTransport transport;
    private final Deadline deadline;

    private BusConnection(AbstractTransport transport, Deadline deadline) {
        this.transport = transport;
        this.deadline = deadline;
    }

    /** The system bus' address: {@code DBUS_SYSTEM_BUS_ADDRESS} when set and not empty, as godbus reads it. */
    public static String systemBusAddress(Map<String, String> environment) {
        String address = environment.get("DBUS_SYSTEM_BUS_ADDRESS");
        return address == null || address.isEmpty() ? DEFAULT_SYSTEM_BUS : address;
    }

    /**
     * Connects to the first of {@code addresses} (a D-Bus address list: {@code ;}-separated) that
     * accepts, authenticates, and on a bus ({@code hello}) registers with {@code Hello}.
     *
     * @throws IOException naming the address when none can be reached within {@code timeout}
     */
    public static BusConnection open(String addresses, boolean hello, Duration timeout) throws IOException {
        Deadline deadline = new Deadline(timeout);
        try {
            IOException last = null;
            for (String address : addresses.split(";")) {
                if (address.isEmpty()) {
                    continue;
                }
                try {
                    BusConnection c = new BusConnection(connect(address), deadline);
                    if (hello) {
                        c.hello();
                    }
                    return c;
                } catch (IOException e) {
                    last = deadline.fired() ? timedOut(deadline) : e;
                    if (deadline.fired()) {
                        break;
                    }
                }
            }
            throw last != null ? last : new IOException("no D-Bus address in \"" + addresses + "\"");
        } catch (IOException | RuntimeException e) {
            deadline.close();
            throw e;
        }
    }

    private static AbstractTransport connect(String address) throws IOException {
        AbstractTransport transport = null;
        try {
            // not auto-connect: that retries every 500 ms for up to 10 s
            transport = TransportBuilder.create(address).configure().withAutoConnect(false).back().build();
            transport.connect();
            return transport;
        } catch (IOException e) {
            close(transport);
            throw new IOException(address + ": " + e.getMessage(), e);
        } catch (Exception e) { // DBusException and dbus-java's runtime exceptions for bad addresses
            close(transport);
            throw new IOException(address + ": " + e, e);
        }
    }

    private static void close(AbstractTransport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (IOException | RuntimeException e) {
                // it never connected
            }
        }
    }

    private void hello() throws IOException {
        BusReply r = call(new BusCall("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello",
                null));
        if (r.isError()) {
            throw new IOException("Hello refused: " + r.error());
        }
    }

    public BusReply call(BusCall call) throws IOException {
        return callAll(List.of(call)).get(0);
    }

    /** Makes every call and returns their replies in the same order. */
    public List<BusReply> callAll(List<BusCall> calls) throws IOException {
        BusReply[] replies = new BusReply[calls.size()];
        Map<Long, Integer> pending = new HashMap<>();
        int next = 0;
        try {
            while (next < calls.size() || !pending.isEmpty()) {
                while (next < calls.size() && pending.size() < WINDOW) {
                    MethodCall m = methodCall(calls.get(next));
                    transport.writeMessage(m);
                    pending.put(m.getSerial(), next++);
                }
                Message m = read();
                if (!(m instanceof MethodReturn) && !(m instanceof org.freedesktop.dbus.messages.Error)) {
                    continue; // a signal (NameAcquired after Hello) or a call to us: not ours to answer
                }
                Integer index = pending.remove(m.getReplySerial());
                if (index != null) {
                    replies[index] = reply(m);
                }
            }
        } catch (IOException e) {
            throw deadline.fired() ? timedOut(deadline) : e;
        }
        return Arrays.asList(replies);
    }

    private MethodCall methodCall(BusCall c) throws IOException {
        try {
            return transport.getMessageFactory().createMethodCall(c.destination(), c.path(), c.iface(), c.member(),
                    (byte) 0, c.signature(), c.args());
        } catch (Exception e) {
            throw new IOException("cannot encode " + c.iface() + "." + c.member() + ": " + e, e);
        }
    }

    private Message read() throws IOException {
        try {
            Message m;
            // the reader returns null after a short read and resumes on the next call
            while ((m = transport.readMessage()) == null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("interrupted");
                }
            }
            return m;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) { // a message dbus-java cannot frame: the stream is lost
            throw new IOException("unreadable message from the bus: " + e, e);
        }
    }

    private static BusReply reply(Message m) {
        Object[] params;
        try {
            params = m.getParameters();
        } catch (Exception e) {
            return BusReply.failed("unreadable reply: " + e);
        }
        if (m instanceof org.freedesktop.dbus.messages.Error) {
            String text = params != null && params.length > 0 && params[0] instanceof String s ? s : "";
            return BusReply.failed(m.getName() + ": " + text);
        }
        List<Object> values = new ArrayList<>(params == null ? 0 : params.length);
        if (params != null) {
            for (Object p : params) {
                values.add(plain(p));
            }
        }
        return BusReply.ok(values);
    }

    /** dbus-java's types as plain Java ones (see {@link BusReply}). */
    static Object plain(Object v) {
        if (v instanceof Variant<?> variant) {
            return plain(variant.getValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof DBusPath p) {
            return p.getPath();
        }
        if (v instanceof Object[] struct) {
            Object[] out = new Object[struct.length];
            for (int i = 0; i < struct.length; i++) {
                out[i] = plain(struct[i]);
            }
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(plain(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, val) -> out.put(plain(k), plain(val)));
            return out;
        }
        return v;
    }

    private static IOException timedOut(Deadline d) {
        return new IOException("no answer from D-Bus within " + d.timeout().toMillis() / 1000.0 + "s");
    }

    /** Closes the socket and gives back the deadline; never throws. */
    @Override
    public void close() {
        try {
            close(transport);
        } finally {
            deadline.close();
        }
    }
}
