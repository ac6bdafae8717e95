package org.nodeprocessexporter.dbus;

import java.util.List;

/**
 * The answer to one {@link BusCall}: its values, converted to plain Java types (String, Boolean,
 * Long for every integer type, unsigned ones as their bits; Double; List for arrays; Object[] for
 * structs; a variant is replaced by its value; an object path is its String), or the error the
 * service answered with.
 *
 * @param values the reply's values; empty for an error
 * @param error  the D-Bus error name and message, null for a method return
 */
public record BusReply(List<Object> values, String error) {

    static BusReply ok(List<Object> values) {
        return new BusReply(values, null);
    }

    static BusReply failed(String error) {
        return new BusReply(List.of(), error);
    }

    public boolean isError() {
        return error != null;
    }

    /** The first value (a property's value, for {@code Properties.Get}), or null for an error or none. */
    public Object first() {
        return values.isEmpty() ? null : values.get(0);
    }
}
