package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code /proc/net/dev}: the sixteen counters of each network device, in file order. */
public final class NetDev {
    private NetDev() {
    }

    /** The kernel's column order, eight receive then eight transmit counters. */
    public static final String[] COLUMNS = {
        "receive_bytes", "receive_packets", "receive_errors", "receive_dropped", "receive_fifo", "receive_frame",
        "receive_compressed", "receive_multicast", "transmit_bytes", "transmit_packets", "transmit_errors",
        "transmit_dropped", "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed"};

    /** One device line; {@code values} in {@link #COLUMNS} order. */
    public record Device(String name, double[] values) {
    }

    public static List<Device> read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("net/dev")));
    }

    public static List<Device> parse(String text) throws IOException {
        List<Device> out = new ArrayList<>();
        List<String> lines = Fields.lines(text);
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon < 0) {
                if (line.isBlank()) {
                    continue;
                }
                throw new IOException("malformed /proc/net/dev line: " + line);
            }
            String name = line.substring(0, colon).trim();
            String[] f = Fields.split(line.substring(colon + 1));
            if (f.length < COLUMNS.length) {
                throw new IOException("malformed /proc/net/dev line: " + line);
            }
            double[] values = new double[COLUMNS.length];
            for (int j = 0; j < values.length; j++) {
                values[j] = Fields.number(f[j], "/proc/net/dev");
            }
            out.add(new Device(name, values));
        }
        return out;
    }
}
