package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.ExposedFamily;
import org.nodeprocessexporter.collector.ScrapeRunner;
import org.nodeprocessexporter.daemon.SntpClient;
import org.nodeprocessexporter.daemon.SntpResponse;
import org.nodeprocessexporter.testsupport.Daemons;

class NtpCollectorTest {
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    private static final long T_NTP = (T.getEpochSecond() + 2_208_988_800L) << 32;
    private static final long SECOND = 1_000_000_000L;

    private static CollectorContext context(String... args) throws Exception {
        return CollectorContext.fromFlags(CollectorHarness.flags(NtpCollector.SPEC, args));
    }

    private static String startupError(String... args) {
        try {
            NtpCollector.SPEC.factory().create(context(args));
            return null;
        } catch (UsageException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void startUpRefusesWhatUpstreamRefusesWithItsMessages() {
        assertThat(startupError("--collector.ntp.server=10.0.0.1"))
                .isEqualTo("only IP address of local NTP server is valid for --collector.ntp.server");
        assertThat(startupError("--collector.ntp.server=localhost"))
                .isEqualTo("only IP address of local NTP server is valid for --collector.ntp.server");
        assertThat(startupError("--collector.ntp.server=127.0.0.01")).isNotNull(); // Go refuses leading zeros
        assertThat(startupError("--collector.ntp.server=[::1]")).isNotNull();
        assertThat(startupError("--collector.ntp.server=fe80::1%lo")).isNotNull();
        assertThat(startupError("--collector.ntp.server=localhost:123")).isNotNull(); // never looked up
        assertThat(startupError("--collector.ntp.protocol-version=5"))
                .isEqualTo("invalid NTP protocol version 5; must be 2, 3, or 4");
        assertThat(startupError("--collector.ntp.protocol-version=1"))
                .isEqualTo("invalid NTP protocol version 1; must be 2, 3, or 4");
        assertThat(startupError("--collector.ntp.local-offset-tolerance=-1ms"))
                .isEqualTo("offset tolerance must be non-negative");
        assertThat(startupError("--collector.ntp.server-port=0"))
                .isEqualTo("invalid NTP port number 0; must be between 1 and 65535 inclusive");
        assertThat(startupError("--collector.ntp.server-port=65536"))
                .isEqualTo("invalid NTP port number 65536; must be between 1 and 65535 inclusive");
        // the server check comes first, as upstream's
        assertThat(startupError("--collector.ntp.server=10.0.0.1", "--collector.ntp.protocol-version=5"))
                .startsWith("only IP address");

        assertThat(startupError()).isNull();
        assertThat(startupError("--collector.ntp.server=127.1.2.3")).isNull();
        assertThat(startupError("--collector.ntp.server=::1")).isNull();
        assertThat(startupError("--collector.ntp.server=::ffff:127.0.0.1")).isNull();
        assertThat(startupError("--collector.ntp.server=ntp.example.org", "--collector.ntp.server-is-local")).isNull();
        assertThat(startupError("--collector.ntp.protocol-version=2", "--collector.ntp.server-port=65535")).isNull();
    }

    /** A server answering with the header fields given: the request's transmit time echoed. */
    private static Daemons.UdpResponder server(int leap, int stratum, long reference, long receive, long transmit)
            throws Exception {
        return new Daemons.UdpResponder(request -> {
            ByteBuffer b = ByteBuffer.allocate(48);
            b.put((byte) (leap << 6 | 4 << 3 | 4)).put((byte) stratum).put((byte) 3).put((byte) -20);
            b.putInt(0x100).putInt(0x80).putInt(0x7f000001);
            b.putLong(reference).putLong(ByteBuffer.wrap(request).getLong(40)).putLong(receive).putLong(transmit);
            return b.array();
        });
    }

    private static InstantSource clock(Instant... instants) {
        Iterator<Instant> it = List.of(instants).iterator();
        return () -> it.next();
    }

    private static NtpCollector collector(int port, InstantSource clock, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "--collector.ntp.server-port=" + port;
        System.arraycopy(args, 0, all, 1, args.length);
        return new NtpCollector(context(all), new SntpClient(clock, RandomGenerator.getDefault()));
    }

    @Test
    void oneQueryGivesUpstreamsFamilies() throws Exception {
        try (Daemons.UdpResponder s = server(0, 2, T_NTP - (100L << 32), T_NTP + (1L << 22),
                T_NTP + (1L << 22) + (1L << 20))) {
            String out = CollectorHarness.scrape(collector(s.port, clock(T, T.plusNanos(1_953_125))));
            assertThat(out).isEqualTo("""
                    # HELP node_ntp_leap NTPD leap second indicator, 2 bits.
                    # TYPE node_ntp_leap gauge
                    node_ntp_leap 0.0
                    # HELP node_ntp_offset_seconds ClockOffset between NTP and local clock.
                    # TYPE node_ntp_offset_seconds gauge
                    node_ntp_offset_seconds 1.2207E-4
                    # HELP node_ntp_reference_timestamp_seconds NTPD ReferenceTime, UNIX timestamp.
                    # TYPE node_ntp_reference_timestamp_seconds gauge
                    node_ntp_reference_timestamp_seconds 1.7723231E9
                    # HELP node_ntp_root_delay_seconds NTPD RootDelay.
                    # TYPE node_ntp_root_delay_seconds gauge
                    node_ntp_root_delay_seconds 0.00390625
                    # HELP node_ntp_root_dispersion_seconds NTPD RootDispersion.
                    # TYPE node_ntp_root_dispersion_seconds gauge
                    node_ntp_root_dispersion_seconds 0.001953125
                    # HELP node_ntp_rtt_seconds RTT to NTPD.
                    # TYPE node_ntp_rtt_seconds gauge
                    node_ntp_rtt_seconds 0.001708984
                    # HELP node_ntp_sanity NTPD sanity according to RFC5905 heuristics and configured limits.
                    # TYPE node_ntp_sanity gauge
                    node_ntp_sanity 1.0
                    # HELP node_ntp_stratum NTPD stratum.
                    # TYPE node_ntp_stratum gauge
                    node_ntp_stratum 2.0
                    """);
        }
    }

    @Test
    void aReferenceTimeAtTheUnixEpochIsZeroAndAZeroOneIsInEra1() throws Exception {
        // 1970-01-01T00:00:00Z exactly: not after the epoch, so 0 as upstream writes it
        try (Daemons.UdpResponder s = server(3, 16, 0x83aa7e80_00000000L, T_NTP, T_NTP)) {
            String out = CollectorHarness.scrape(collector(s.port, clock(T, T)));
            assertThat(ScrapedSamples.value(out, "node_ntp_reference_timestamp_seconds")).isZero();
            assertThat(ScrapedSamples.value(out, "node_ntp_sanity")).isZero();
            assertThat(ScrapedSamples.value(out, "node_ntp_leap")).isEqualTo(3);
            assertThat(ScrapedSamples.value(out, "node_ntp_stratum")).isEqualTo(16);
        }
        // a server that never set its clock sends 0, which beevik/ntp 1.x reads in era 1 (2036-02-07)
        try (Daemons.UdpResponder s = server(3, 16, 0, T_NTP, T_NTP)) {
            String out = CollectorHarness.scrape(collector(s.port, clock(T, T)));
            assertThat(ScrapedSamples.value(out, "node_ntp_reference_timestamp_seconds")).isEqualTo(2085978496.0);
        }
    }

    private static SntpResponse response(long time, int leap, long rootDistance, long minError) {
        return new SntpResponse(time, 0, 0, 2, leap, time - SECOND, 0, 0, rootDistance, minError, 4);
    }

    @Test
    void sanityNeedsAValidReplyAndTheConfiguredLimits() throws Exception {
        NtpCollector c = collector(123, InstantSource.system(), "--collector.ntp.max-distance=2s",
                "--collector.ntp.local-offset-tolerance=5ms");
        long now = T.getEpochSecond() * SECOND;
        assertThat(c.sane(response(now, 0, 2 * SECOND, 5_000_000))).isTrue();
        assertThat(c.sane(response(now, 0, 2 * SECOND + 1, 0))).isFalse();
        assertThat(c.sane(response(now, 0, 0, 5_000_001))).isFalse();
        assertThat(c.sane(response(now, 3, 0, 0))).isFalse(); // not in sync: invalid
        SntpResponse stratum16 = new SntpResponse(now, 0, 0, 16, 0, now, 0, 0, 0, 0, 4);
        assertThat(c.sane(stratum16)).isFalse();
    }

    @Test
    void aLeapSecondAnnouncementToleratesASecondFromTheDayBeforeToTheDayAfter() throws Exception {
        NtpCollector c = collector(123, InstantSource.system());
        long day = 86_400 * SECOND;
        long noon = T.getEpochSecond() * SECOND + day / 2; // 2026-03-01T12:00Z; its midnight after: T + 1 day
        long error = SECOND; // over the 1-ms tolerance, within 1 s more
        assertThat(c.sane(response(noon, 0, 0, error))).isFalse();
        assertThat(c.sane(response(noon, SntpResponse.LEAP_ADD_SECOND, 0, error))).isTrue();
        // the flag is gone after midnight; the tolerance stays until the midnight after
        assertThat(c.sane(response(noon + day, 0, 0, error))).isTrue();
        assertThat(c.sane(response(T.getEpochSecond() * SECOND + 2 * day - 1, 0, 0, error))).isTrue();
        assertThat(c.sane(response(T.getEpochSecond() * SECOND + 2 * day, 0, 0, error))).isFalse();
        assertThat(c.sane(response(noon, 0, 0, error + 1_000_001))).isFalse();
        assertThat(c.sane(response(noon, SntpResponse.LEAP_DEL_SECOND, 0, error))).isTrue();
    }

    @Test
    void aServerThatNeverAnswersFailsTheScrapeAfterTheTimeout() throws Exception {
        try (Daemons.UdpResponder silent = new Daemons.UdpResponder(request -> null)) {
            Collector c = collector(silent.port, InstantSource.system());
            assertThatThrownBy(() -> CollectorHarness.scrape(c))
                    .hasMessage("couldn't get SNTP reply: read udp 127.0.0.1:" + silent.port + ": i/o timeout");
            assertThat(silent.requests).hasSize(1);
        }
    }

    @Test
    void aMalformedReplyFailsThatScrapeOnlyWithOneLogLine() throws Exception {
        byte[][] answer = {"not an NTP packet".getBytes(StandardCharsets.US_ASCII)};
        try (Daemons.UdpResponder garbage = new Daemons.UdpResponder(request -> answer[0]);
             ScrapeRunner runner = new ScrapeRunner(Map.of("ntp", collector(garbage.port, InstantSource.system()),
                     "ok", sink -> sink.gauge("ok", "ok", 1)), 2)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Log.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
            String out;
            try {
                out = CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(10)));
            } finally {
                Log.redirect(System.err);
            }
            assertThat(out).contains("node_scrape_collector_success{collector=\"ntp\"} 0.0")
                    .contains("node_scrape_collector_success{collector=\"ok\"} 1.0").contains("ok 1.0")
                    .doesNotContain("node_ntp_");
            assertThat(log.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                    .contains("collector failed").contains("couldn't get SNTP reply: unexpected EOF");
            // a reply that does not echo the query is as good as garbage
            answer[0] = new byte[48];
            answer[0][0] = 0x24;
            answer[0][47] = 1;
            List<ExposedFamily> second = runner.scrape(null, Duration.ofSeconds(10));
            assertThat(CollectorHarness.exposition(second)).contains("node_scrape_collector_success{collector=\"ntp\"} 0.0");
        }
    }

    @Test
    void connectionRefusedIsTheKernelsAnswer() throws Exception {
        int port = Daemons.freeUdpPort();
        assertThatThrownBy(() -> CollectorHarness.scrape(collector(port, InstantSource.system())))
                .hasMessage("couldn't get SNTP reply: read udp 127.0.0.1:" + port + ": connection refused");
    }

    /**
     * Against chronyd serving its local clock: what it says about itself (stratum 10 from its
     * configuration, synchronized, no root delay or dispersion), the reference time it sends to a
     * query the test makes on its own, and an offset within the measured round trip.
     */
    @Test
    void liveChronydOnLoopback(@TempDir Path dir) throws Exception {
        try (Daemons.Chronyd chronyd = Daemons.Chronyd.start(dir)) {
            Collector c = NtpCollector.SPEC.factory().create(context("--collector.ntp.server-port=" + chronyd.port));
            String out = CollectorHarness.scrape(c);
            byte[] theirs = Daemons.query(chronyd.port, 4);
            long reference = ByteBuffer.wrap(theirs).getLong(16);
            double referenceSeconds = (reference >>> 32) - 2_208_988_800L + (reference & 0xffffffffL) / 4294967296.0;
            assertThat(ScrapedSamples.value(out, "node_ntp_stratum")).isEqualTo(10);
            assertThat(ScrapedSamples.value(out, "node_ntp_leap")).isZero();
            assertThat(ScrapedSamples.value(out, "node_ntp_root_delay_seconds")).isZero();
            assertThat(ScrapedSamples.value(out, "node_ntp_root_dispersion_seconds")).isZero();
            assertThat(ScrapedSamples.value(out, "node_ntp_sanity")).isEqualTo(1);
            assertThat(ScrapedSamples.value(out, "node_ntp_reference_timestamp_seconds"))
                    .isCloseTo(referenceSeconds, within(1e-6));
            double rtt = ScrapedSamples.value(out, "node_ntp_rtt_seconds");
            assertThat(rtt).isPositive();
            // chronyd serves this host's own clock: the offset is within the time the packets travelled
            assertThat(Math.abs(ScrapedSamples.value(out, "node_ntp_offset_seconds"))).isLessThanOrEqualTo(rtt);
            // each scrape is a new query
            assertThat(ScrapedSamples.value(CollectorHarness.scrape(c), "node_ntp_stratum")).isEqualTo(10);
        }
    }
}
