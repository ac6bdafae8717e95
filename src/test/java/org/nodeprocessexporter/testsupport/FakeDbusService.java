package org.nodeprocessexporter.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.connections.transports.AbstractTransport;
import org.freedesktop.dbus.connections.transports.TransportBuilder;
import org.freedesktop.dbus.connections.transports.TransportConnection;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.Variant;

/**
 * A unix socket that answers D-Bus method calls from a table, for the collectors' edge cases a
 * real systemd does not show (an old version, a property that is missing or of another type, a
 * session of an unknown class). Written with dbus-java's listening transport: SASL server, one
 * connection at a time, {@code Hello} answered, {@code Properties.Get(iface, name)} looked up as
 * {@code path iface.name}, other methods as {@code path iface.member}; what the table lacks gets
 * {@code org.freedesktop.DBus.Error.UnknownProperty}. Values are dbus-java's (UInt32, UInt64,
 * String, Boolean, List of Object[] for arrays of structs).
 */
public final class FakeDbusService implements AutoCloseable {
    /** A method's reply: its D-Bus signature and values. */
    public record Reply(String signature, Object... values) {
    }

    private final Path socket;
    private final AbstractTransport server;
    private final Map<String, Object> table = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    public FakeDbusService(Path dir) throws Exception {
        this.socket = dir.resolve("fake-" + System.nanoTime());
        this.server = TransportBuilder.create("unix:path=" + socket + ",listen=true").configure()
                .withAutoConnect(false).withListening(true).back().build();
        this.thread = new Thread(this::serve, "fake-dbus-service");
        thread.setDaemon(true);
        thread.start();
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(10);
        }
    }

    public String address() {
        return "unix:path=" + socket;
    }

    /** {@code Properties.Get} of {@code iface.name} on {@code path} answers {@code value} (in a variant). */
    public FakeDbusService property(String path, String iface, String name, Object value) {
        table.put(path + " " + iface + "." + name, value);
        return this;
    }

    /** {@code iface.member} on {@code path} answers {@code reply}. */
    public FakeDbusService method(String path, String iface, String member, Reply reply) {
        table.put(path + " " + iface + "." + member, reply);
        return this;
    }

    private void serve() {
        while (!closed) {
            try (TransportConnection c = server.listen()) {
                while (true) {
                    Message m = c.getReader().readMessage();
                    if (m instanceof MethodCall call) {
                        c.getWriter().writeMessage(answer(c.getMessageFactory(), call));
                    }
                }
            } catch (Exception e) {
                // the client went away (or we are closing): take the next one
                if (!closed && Boolean.getBoolean("fake.debug")) {
                    e.printStackTrace();
                }
            }
        }
    }

    private Message answer(MessageFactory f, MethodCall call) throws Exception {
        if (call.getName().equals("Hello")) {
            return f.createMethodReturn(call, "s", ":1.42");
        }
        if (call.getInterface().equals("org.freedesktop.DBus.Properties") && call.getName().equals("Get")) {
            Object[] args = call.getParameters();
            Object value = table.get(call.getPath() + " " + args[0] + "." + args[1]);
            if (value != null) {
                return f.createMethodReturn(call, "v", new Variant<>(value));
            }
        } else if (table.get(call.getPath() + " " + call.getInterface() + "." + call.getName()) instanceof Reply r) {
            return f.createMethodReturn(call, r.signature(), r.values());
        }
        return f.createError(call.getSource(), "org.freedesktop.DBus.Error.UnknownProperty", call.getSerial(), "s",
                "not in the table");
    }

    /** {@code a(ssssssouso)} entries as ListUnits gives them. */
    public static Object[] unit(String name, String load, String active, String sub) {
        return new Object[] {name, name, load, active, sub, "",
            new org.freedesktop.dbus.DBusPath(unitPath(name)), new org.freedesktop.dbus.types.UInt32(0), "",
            new org.freedesktop.dbus.DBusPath("/")};
    }

    /** systemd's object path of a unit: bytes other than letters and digits as {@code _xx}. */
    public static String unitPath(String unit) {
        StringBuilder p = new StringBuilder("/org/freedesktop/systemd1/unit/");
        for (byte b : unit.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
                p.append((char) b);
            } else {
                p.append('_').append(String.format("%02x", b & 0xff));
            }
        }
        return p.toString();
    }

    public static List<Object[]> list(Object[]... entries) {
        return List.of(entries);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Files.deleteIfExists(socket);
    }
}
