package org.nodeprocessexporter.collector;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A label value kept with its text-format encoding (UTF-8, with {@code \\}, {@code "} and newline
 * escaped), for a value written in thousands of series every scrape, such as a process group's
 * name: it is encoded once for the life of the group instead of once per series.
 */
public final class LabelValue {
    private final String value;
    private final byte[] escaped;

    public LabelValue(String value) {
        this.value = value;
        this.escaped = escape(value);
    }

    public String value() {
        return value;
    }

    /** The escaped UTF-8 bytes, shared: not to be modified. */
    public byte[] escapedBytes() {
        return escaped;
    }

    /** The value as it appears between the quotes of a label in the text formats. */
    public static byte[] escape(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 8);
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            switch (b) {
                case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                case '"' -> out.writeBytes(new byte[] {'\\', '"'});
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                default -> out.write(b);
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return value;
    }
}
