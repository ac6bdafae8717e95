package org.nodeprocessexporter.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.random.RandomGenerator;
import org.nodeprocessexporter.sys.UdpSocket;

/**
 * A simple NTP (SNTP, RFC 5905) client: one mode-3 query over UDP, the answer checked and turned
 * into an {@link SntpResponse} the way beevik/ntp 1.x (node_exporter's NTP library) does it, down to
 * its fixed-point roundings: the request carries a random transmit timestamp that the server must
 * echo, and a reply that is short, not in server mode, without a transmit time, for another
 * request, or ticking backwards is refused with the library's message.
 *
 * <p>Not thread-safe: one query at a time (the receive buffer is reused).
 */
public final class SntpClient {
    private static final int HEADER = 48;
    private static final int MODE_CLIENT = 3;
    private static final int MODE_SERVER = 4;
    private static final long NANOS = 1_000_000_000L;
    /** 1900-01-01 and 2036-02-07T06:28:16Z (the start of NTP era 1) in Unix nanoseconds. */
    private static final long ERA0_NANOS = -2_208_988_800L * NANOS;
    private static final long ERA1_NANOS = 2_085_978_496L * NANOS;
    /** 1970-01-01 as an NTP timestamp: smaller values are read as era 1. */
    private static final long T1970 = 0x83aa7e80_00000000L;

    /** A reply that is not a valid answer to the query. */
    public static final class InvalidReplyException extends IOException {
        InvalidReplyException(String message) {
            super(message);
        }
    }

    private final InstantSource clock;
    private final RandomGenerator random;
    private final byte[] reply = new byte[512];

    public SntpClient(InstantSource clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * The server's address as beevik/ntp reads it: {@code host}, {@code host:port}, {@code [v6]},
     * {@code [v6]:port} or a bare IPv6 address; {@code defaultPort} when none is given. A host name
     * is resolved here.
     */
    public static InetSocketAddress address(String server, int defaultPort) throws IOException {
        if (server.isEmpty()) {
            throw new IOException("address string is empty");
        }
        String host;
        String port = null;
        if (server.charAt(0) == '[') {
            int end = server.indexOf(']');
            if (end < 0) {
                throw new IOException("missing ']' in address");
            }
            host = server.substring(1, end);
            if (end + 1 < server.length()) {
                if (server.charAt(end + 1) != ':') {
                    throw new IOException("unexpected character following ']' in address");
                }
                port = server.substring(end + 2);
            }
        } else {
            int last = server.lastIndexOf(':');
            if (last >= 0 && server.lastIndexOf(':', last - 1) < 0) {
                host = server.substring(0, last);
                port = server.substring(last + 1);
            } else {
                host = server; // no colon, or an IPv6 address without brackets
            }
        }
        int portNumber = defaultPort;
        if (port != null) {
            try {
                portNumber = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IOException("invalid port \"" + port + "\" in address " + server);
            }
            if (portNumber < 0 || portNumber > 65535) {
                throw new IOException("invalid port \"" + port + "\" in address " + server);
            }
        }
        return new InetSocketAddress(InetAddress.getByName(host), portNumber);
    }

    /** Sends one query and waits at most {@code timeout} for its answer. A {@code ttl} of 0 keeps the system's. */
    public SntpResponse query(InetSocketAddress server, int version, int ttl, Duration timeout) throws IOException {
        try (UdpSocket socket = UdpSocket.open(server)) {
            if (ttl != 0) {
                socket.setTtl(ttl);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            // random, not the clock: a reply must echo it, and it tells nobody our time (client data minimization)
            long transmit = random.nextLong();
            byte[] request = request(version, transmit);
            Instant sent = clock.instant();
            socket.send(request, request.length);
            int length = socket.receive(reply, deadline);
            Instant received = clock.instant();
            if (received.isBefore(sent)) {
                received = sent;
            }
            return parse(reply, length, transmit, sent, received);
        }
    }

    static byte[] request(int version, long transmit) {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.put((byte) ((version << 3) | MODE_CLIENT)); // leap indicator 0: no warning
        b.put((byte) 0).put((byte) 0).put((byte) 0x20); // stratum, poll, precision
        b.putLong(40, transmit);
        return b.array();
    }

    /** The reply's {@code length} first bytes, for a query with {@code transmit} sent at {@code sent}. */
    static SntpResponse parse(byte[] buf, int length, long transmit, Instant sent, Instant received)
            throws InvalidReplyException {
        if (length < HEADER) {
            throw new InvalidReplyException(length == 0 ? "EOF" : "unexpected EOF");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, HEADER);
        int liVnMode = b.get(0) & 0xff;
        int stratum = b.get(1) & 0xff;
        long rootDelay = b.getInt(4) & 0xffffffffL;
        long rootDispersion = b.getInt(8) & 0xffffffffL;
        long referenceTime = b.getLong(16);
        long origin = b.getLong(24);
        long receive = b.getLong(32);
        long xmt = b.getLong(40);
        if ((liVnMode & 0x7) != MODE_SERVER) {
            throw new InvalidReplyException("invalid mode in response");
        }
        if (xmt == 0) {
            throw new InvalidReplyException("invalid transmit time in response");
        }
        if (origin != transmit) {
            throw new InvalidReplyException("server response didn't match request");
        }
        if (Long.compareUnsigned(receive, xmt) > 0) {
            throw new InvalidReplyException("server clock ticked backwards");
        }
        long org = timestamp(sent);
        long dst = timestamp(received);

        long rtt = Math.max((dst - org) - (xmt - receive), 0);
        long a = receive - org;
        long offset = a + ((xmt - dst) - a) / 2;
        long delayNanos = shortDuration(rootDelay);
        long rttNanos = duration(rtt);
        long error0 = Long.compareUnsigned(org, receive) >= 0 ? org - receive : 0;
        long error1 = Long.compareUnsigned(xmt, dst) >= 0 ? xmt - dst : 0;
        long minError = Long.compareUnsigned(error0, error1) > 0 ? error0 : error1;
        long dispersionNanos = shortDuration(rootDispersion);
        return new SntpResponse(time(xmt), offset < 0 ? -duration(-offset) : duration(offset), rttNanos, stratum,
                liVnMode >>> 6, time(referenceTime), delayNanos, dispersionNanos,
                (rttNanos + delayNanos) / 2 + dispersionNanos, duration(minError), (liVnMode >>> 3) & 0x7);
    }

    /** A 64-bit NTP timestamp (Q32.32 seconds) as nanoseconds, the fraction rounded half up. */
    static long duration(long t) {
        long frac = (t & 0xffffffffL) * NANOS;
        long nanos = frac >>> 32;
        if ((frac & 0xffffffffL) >= 0x80000000L) {
            nanos++;
        }
        return (t >>> 32) * NANOS + nanos;
    }

    /** A 32-bit NTP short value (Q16.16 seconds) as nanoseconds, the fraction rounded half up. */
    static long shortDuration(long t) {
        long frac = (t & 0xffff) * NANOS;
        return (t >>> 16) * NANOS + ((frac >>> 16) + (((frac & 0xffff) + 0x8000) >>> 16));
    }

    /** A timestamp as Unix nanoseconds: era 0 from 1970 on, era 1 below that (2036 and after). */
    static long time(long t) {
        return (Long.compareUnsigned(t, T1970) < 0 ? ERA1_NANOS : ERA0_NANOS) + duration(t);
    }

    /** An instant as an NTP timestamp, the fraction rounded half up. */
    static long timestamp(Instant t) {
        long nanos = (t.getEpochSecond() + 2_208_988_800L) * NANOS + t.getNano();
        long seconds = nanos / NANOS;
        long rest = (nanos - seconds * NANOS) << 32;
        long frac = rest / NANOS;
        if (rest % NANOS >= NANOS / 2) {
            frac++;
        }
        return seconds << 32 | frac;
    }
}
