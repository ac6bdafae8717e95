package org.nodeprocessexporter.dbus;

/**
 * One method call to make on the bus.
 *
 * @param destination bus name of the service, e.g. {@code org.freedesktop.systemd1}
 * @param path        object path
 * @param iface       interface of the method
 * @param member      method name
 * @param signature   D-Bus signature of {@code args}, null when there are none
 * @param args        arguments (String for {@code s})
 */
public record BusCall(String destination, String path, String iface, String member, String signature,
                      Object... args) {

    /** {@code org.freedesktop.DBus.Properties.Get(iface, name)} on {@code path}. */
    public static BusCall getProperty(String destination, String path, String iface, String name) {
        return new BusCall(destination, path, "org.freedesktop.DBus.Properties", "Get", "ss", iface, name);
    }
}
