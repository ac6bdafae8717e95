package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code /proc/net/udp} and {@code udp6}: the transmit and receive queue bytes of all sockets,
 * summed. The queues are the hexadecimal {@code tx_queue:rx_queue} column.
 */
public record NetUdpQueues(double txQueue, double rxQueue) {

    public static NetUdpQueues read(Path file) throws IOException {
        return parse(ProcFile.readString(file), file.getFileName().toString());
    }

    public static NetUdpQueues parse(String text, String file) throws IOException {
        double tx = 0;
        double rx = 0;
        List<String> lines = Fields.lines(text);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = Fields.split(lines.get(i));
            if (f.length == 0) {
                continue;
            }
            if (f.length < 5) {
                throw new IOException("malformed /proc/net/" + file + " line: " + lines.get(i));
            }
            int colon = f[4].indexOf(':');
            try {
                tx += Long.parseLong(f[4].substring(0, colon), 16);
                rx += Long.parseLong(f[4].substring(colon + 1), 16);
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IOException("malformed queue column " + f[4] + " in /proc/net/" + file, e);
            }
        }
        return new NetUdpQueues(tx, rx);
    }
}
