package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.daemon.SntpClient;
import org.nodeprocessexporter.daemon.SntpResponse;

/**
 * node_exporter's {@code ntp}: one SNTP query to the local NTP server per scrape (1-s timeout, the
 * request's version from {@code --collector.ntp.protocol-version}, {@code IP_TTL} from
 * {@code --collector.ntp.ip-ttl}), its fields as gauges, and {@code node_ntp_sanity}: 1 when the
 * reply passes beevik/ntp's validation (stratum 1-15, leap indicator synchronized, reference time
 * not in the future and at most 2^17 s old, root delay / 2 + root dispersion at most 16 s), its root
 * distance is at most {@code --collector.ntp.max-distance} and its minimum error (the timestamps'
 * causality violation) at most {@code --collector.ntp.local-offset-tolerance}, one second more
 * from the day before to the day after a leap second the server announced (smearing).
 *
 * <p>As upstream, the server must be a loopback IP address unless
 * {@code --collector.ntp.server-is-local} says it is one of ours; a reply that is no valid answer
 * (short, wrong mode, not echoing the query) fails the scrape with the reason.
 */
public final class NtpCollector implements Collector {
    static final String SERVER = "collector.ntp.server";
    static final String PORT = "collector.ntp.server-port";
    static final String VERSION = "collector.ntp.protocol-version";
    static final String IS_LOCAL = "collector.ntp.server-is-local";
    static final String TTL = "collector.ntp.ip-ttl";
    static final String MAX_DISTANCE = "collector.ntp.max-distance";
    static final String TOLERANCE = "collector.ntp.local-offset-tolerance";

    public static final CollectorSpec SPEC = CollectorSpec.of("ntp", false, NtpCollector::create,
            Flag.string(SERVER, "127.0.0.1", "NTP server to use for ntp collector"),
            Flag.integer(PORT, 123, "UDP port number to connect to on NTP server"),
            Flag.integer(VERSION, 4, "NTP protocol version"),
            Flag.bool(IS_LOCAL, false, "Certify that collector.ntp.server address is not a public ntp server"),
            Flag.integer(TTL, 1, "IP TTL to use while sending NTP query"),
            // 3.46608 s = 1.5 s (ntpd's MAXDIST) + PHI (15e-6) * 2^17 s (MAXPOLL), used as it is
            Flag.duration(MAX_DISTANCE, "3.46608s", "Max accumulated distance to the root"),
            Flag.duration(TOLERANCE, "1ms", "Offset between local clock and local ntpd time to tolerate"));

    /** ntpdate's default timeout, which upstream uses. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final long DAY_NANOS = 86_400_000_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final String server;
    private final int port;
    private final int version;
    private final int ttl;
    private final long maxDistanceNanos;
    private final long toleranceNanos;
    private final SntpClient client;
    /**
     * The midnight (UTC) after the last reply that announced a leap second; the announcement is
     * dropped right after that midnight, while clocks may still be smearing it. None yet: MIN_VALUE.
     */
    private long leapMidnightNanos = Long.MIN_VALUE;

    NtpCollector(CollectorContext ctx, SntpClient client) {
        this.server = ctx.flags().string(SERVER);
        this.port = ctx.flags().integer(PORT);
        this.version = ctx.flags().integer(VERSION);
        this.ttl = ctx.flags().integer(TTL);
        this.maxDistanceNanos = ctx.flags().duration(MAX_DISTANCE).toNanos();
        this.toleranceNanos = ctx.flags().duration(TOLERANCE).toNanos();
        this.client = client;
    }

    private static Collector create(CollectorContext ctx) throws UsageException {
        validate(ctx);
        Log.warn("This collector is deprecated and will be removed in the next major version release.",
                "collector", "ntp");
        return new NtpCollector(ctx, new SntpClient(InstantSource.system(), new SecureRandom()));
    }

    /** Upstream's start-up checks, in its order and with its messages. */
    static void validate(CollectorContext ctx) throws UsageException {
        if (!ctx.flags().bool(IS_LOCAL) && !isLoopbackLiteral(ctx.flags().string(SERVER))) {
            throw new UsageException("only IP address of local NTP server is valid for --" + SERVER);
        }
        int version = ctx.flags().integer(VERSION);
        if (version < 2 || version > 4) {
            throw new UsageException("invalid NTP protocol version " + version + "; must be 2, 3, or 4");
        }
        if (ctx.flags().duration(TOLERANCE).isNegative()) {
            throw new UsageException("offset tolerance must be non-negative");
        }
        int port = ctx.flags().integer(PORT);
        if (port < 1 || port > 65535) {
            throw new UsageException("invalid NTP port number " + port + "; must be between 1 and 65535 inclusive");
        }
    }

    /**
     * Whether {@code s} is an IP address literal (Go's {@code net.ParseIP}: dotted IPv4 without
     * leading zeros, or IPv6 without brackets or zone) of the loopback range. Never a DNS lookup.
     */
    static boolean isLoopbackLiteral(String s) {
        if (s.indexOf(':') >= 0) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    return false; // brackets, a zone, or a host name: none is an address to Go
                }
            }
            try {
                return InetAddress.getByName(s).isLoopbackAddress(); // only hex digits, ':' and '.': parsed, never looked up
            } catch (UnknownHostException e) {
                return false;
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !p.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return parts[0].equals("127");
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        SntpResponse r;
        try {
            r = client.query(SntpClient.address(server, port), version, ttl, TIMEOUT);
        } catch (IOException e) {
            throw new IOException("couldn't get SNTP reply: " + e.getMessage(), e);
        }
        sink.gauge("node_ntp_stratum", "NTPD stratum.", r.stratum());
        sink.gauge("node_ntp_leap", "NTPD leap second indicator, 2 bits.", r.leap());
        sink.gauge("node_ntp_rtt_seconds", "RTT to NTPD.", r.rttNanos() / 1e9);
        sink.gauge("node_ntp_offset_seconds", "ClockOffset between NTP and local clock.", r.clockOffsetNanos() / 1e9);
        // not after 1970: 0, as upstream (whose library reads a timestamp below 1970 as one of era 1, after 2036)
        sink.gauge("node_ntp_reference_timestamp_seconds", "NTPD ReferenceTime, UNIX timestamp.",
                Math.floorDiv(r.referenceTimeNanos(), SECOND_NANOS) > 0 ? r.referenceTimeNanos() / 1e9 : 0);
        sink.gauge("node_ntp_root_delay_seconds", "NTPD RootDelay.", r.rootDelayNanos() / 1e9);
        sink.gauge("node_ntp_root_dispersion_seconds", "NTPD RootDispersion.", r.rootDispersionNanos() / 1e9);
        sink.gauge("node_ntp_sanity", "NTPD sanity according to RFC5905 heuristics and configured limits.",
                sane(r) ? 1 : 0);
    }

    boolean sane(SntpResponse r) {
        long maxError = toleranceNanos;
        if (r.leap() == SntpResponse.LEAP_ADD_SECOND || r.leap() == SntpResponse.LEAP_DEL_SECOND) {
            leapMidnightNanos = Math.floorDiv(r.timeNanos(), DAY_NANOS) * DAY_NANOS + DAY_NANOS;
        }
        if (leapMidnightNanos != Long.MIN_VALUE && leapMidnightNanos - DAY_NANOS < r.timeNanos()
                && r.timeNanos() < leapMidnightNanos + DAY_NANOS) {
            maxError += SECOND_NANOS;
        }
        return r.invalidity() == null && r.rootDistanceNanos() <= maxDistanceNanos && r.minErrorNanos() <= maxError;
    }
}
