package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code /proc/net/udp} and {@code udp6}: the transmit and receive queue bytes of all sockets,
 * summed. The queues are the hexadecimal {@code tx_queue:rx_queue} column.
 *
 * <p>The file has one line per socket (thousands on a busy host), so it is parsed as a stream of
 * bytes through a fixed buffer: no String per file, line or field.
 */
public record NetUdpQueues(double txQueue, double rxQueue) {
    private static final int BUFFER = 16 * 1024;

    public static NetUdpQueues read(Path file) throws IOException {
        String name = file.getFileName().toString();
        RandomAccessFile in;
        try {
            in = new RandomAccessFile(file.toString(), "r");
        } catch (java.io.FileNotFoundException e) {
            if (ProcFile.classify(e, file) == ReadStatus.GONE) {
                NoSuchFileException missing = new NoSuchFileException(file.toString());
                missing.initCause(e);
                throw missing;
            }
            throw e;
        }
        try (in) {
            Sums sums = new Sums(name);
            byte[] buf = new byte[BUFFER];
            int end = 0;
            while (true) {
                if (end == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                }
                int r = in.read(buf, end, Math.min(buf.length - end, ProcFile.CHUNK));
                if (r < 0) {
                    break;
                }
                end += r;
                int consumed = sums.lines(buf, end);
                System.arraycopy(buf, consumed, buf, 0, end - consumed);
                end -= consumed;
            }
            if (end > 0) {
                sums.line(buf, 0, end, true); // a last line without a newline
            }
            return sums.result();
        }
    }

    public static NetUdpQueues parse(String text, String file) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Sums sums = new Sums(file);
        int consumed = sums.lines(b, b.length);
        if (consumed < b.length) {
            sums.line(b, consumed, b.length, true);
        }
        return sums.result();
    }

    /** Running totals over the lines seen so far; the first line is the header. */
    private static final class Sums {
        private final String file;
        private boolean header = true;
        private double tx;
        private double rx;

        Sums(String file) {
            this.file = file;
        }

        /** Adds every complete line in {@code b[0, end)}; returns where the incomplete rest starts. */
        int lines(byte[] b, int end) throws IOException {
            int start = 0;
            while (start < end) {
                int nl = line(b, start, end, false);
                if (nl < 0) {
                    break;
                }
                start = nl + 1;
            }
            return start;
        }

        /**
         * The line starting at {@code from}, fields split as {@link Fields#split} splits them, in one
         * pass: the queue column is the fifth field, and the rest of the line is only searched for its
         * end. Returns the index of the line's newline, or -1 (nothing added) if {@code b[from, end)}
         * has none and is not the file's last line ({@code eof}).
         */
        int line(byte[] b, int from, int end, boolean eof) throws IOException {
            int i = from;
            int fields = 0;
            int queueStart = -1;
            int queueEnd = -1;
            if (!header) {
                while (i < end && b[i] != '\n') {
                    while (i < end && BLANK[b[i] & 0xff]) {
                        i++;
                    }
                    int start = i;
                    while (i < end && !SEPARATOR[b[i] & 0xff]) {
                        i++;
                    }
                    if (i > start) {
                        if (fields == 4) {
                            queueStart = start;
                            queueEnd = i;
                            break; // the columns after the queues do not matter
                        }
                        fields++;
                    }
                }
            }
            while (i < end && b[i] != '\n') {
                i++;
            }
            if (i == end && !eof) {
                return -1;
            }
            if (header) {
                header = false;
            } else if (queueStart >= 0) {
                add(b, queueStart, queueEnd);
            } else if (fields > 0) {
                throw new IOException("malformed /proc/net/" + file + " line: "
                        + new String(b, from, i - from, StandardCharsets.UTF_8));
            }
            return i;
        }

        private void add(byte[] b, int queueStart, int queueEnd) throws IOException {
            int colon = -1;
            for (int p = queueStart; p < queueEnd; p++) {
                if (b[p] == ':') {
                    colon = p;
                    break;
                }
            }
            long t = colon < 0 ? -1 : hex(b, queueStart, colon);
            long r = colon < 0 ? -1 : hex(b, colon + 1, queueEnd);
            if (t < 0 || r < 0) {
                // not plain hex digits: let Long.parseLong decide, as the String-based parser did
                String queues = new String(b, queueStart, queueEnd - queueStart, StandardCharsets.UTF_8);
                int c = queues.indexOf(':');
                try {
                    t = Long.parseLong(queues.substring(0, c), 16);
                    r = Long.parseLong(queues.substring(c + 1), 16);
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    throw new IOException("malformed queue column " + queues + " in /proc/net/" + file, e);
                }
            }
            tx += t;
            rx += r;
        }

        NetUdpQueues result() {
            return new NetUdpQueues(tx, rx);
        }

        /** {@code b[from, to)} as 1 to 15 hex digits (so it cannot overflow), or -1. */
        private static long hex(byte[] b, int from, int to) {
            if (to <= from || to - from > 15) {
                return -1;
            }
            long v = 0;
            for (int p = from; p < to; p++) {
                int d = AsciiCursor.hexDigit(b[p]);
                if (d < 0) {
                    return -1;
                }
                v = (v << 4) | d;
            }
            return v;
        }

        /**
         * {@link Character#isWhitespace} for ASCII (the file is ASCII), as {@link Fields#split} splits,
         * except the newline, which ends the line. Tables rather than comparisons: this runs for every
         * byte of a file that has a line per UDP socket, and C1 does not inline a method here.
         */
        private static final boolean[] BLANK = new boolean[256];
        /** {@link #BLANK} or the newline: where a field ends. */
        private static final boolean[] SEPARATOR = new boolean[256];

        static {
            for (int c = 0; c < 256; c++) {
                BLANK[c] = c == ' ' || c == '\t' || (c >= 0x0B && c <= '\r') || (c >= 0x1C && c <= 0x1F);
                SEPARATOR[c] = BLANK[c] || c == '\n';
            }
        }
    }
}
