package org.nodeprocessexporter.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.testsupport.Daemons;

class SntpClientTest {
    /** 2026-03-01T00:00:00Z, and its NTP timestamp (no fraction). */
    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    static final long T_NTP = (T.getEpochSecond() + 2_208_988_800L) << 32;
    /** 2^-9 s = 1953125 ns, exactly 2^23 in NTP units. */
    static final Instant T_PLUS_2_9 = T.plusNanos(1_953_125);

    /** A server-mode reply to {@code request}: the given header fields, the request's transmit time echoed. */
    static byte[] reply(byte[] request, int leap, int stratum, long reference, long receive, long transmit,
                        int rootDelay, int rootDispersion) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put((byte) (leap << 6 | 4 << 3 | 4)).put((byte) stratum).put((byte) 3).put((byte) -20);
        b.putInt(rootDelay).putInt(rootDispersion).putInt(0x7f000001);
        b.putLong(reference).putLong(ByteBuffer.wrap(request).getLong(40)).putLong(receive).putLong(transmit);
        return b.array();
    }

    static InstantSource clock(Instant... instants) {
        Iterator<Instant> it = List.of(instants).iterator();
        return () -> it.next();
    }

    @Test
    void timestampsBecomeOffsetDelayAndDistanceWithTheLibrarysRoundings() throws Exception {
        byte[] request = SntpClient.request(4, 0x1122334455667788L);
        assertThat(request[0]).isEqualTo((byte) 0x23); // leap 0, version 4, client mode
        assertThat(request[3]).isEqualTo((byte) 0x20);
        byte[] reply = reply(request, 0, 2, T_NTP - (100L << 32), T_NTP + (1L << 22), T_NTP + (1L << 22) + (1L << 20),
                0x100, 0x80);
        SntpResponse r = SntpClient.parse(reply, 48, 0x1122334455667788L, T, T_PLUS_2_9);
        // offset = ((rec - org) + (xmt - dst)) / 2 = 2^19 units = 122070.3125 ns; rtt = 2^23 - 2^20 units
        assertThat(r.clockOffsetNanos()).isEqualTo(122_070);
        assertThat(r.rttNanos()).isEqualTo(1_708_984);
        assertThat(r.rootDelayNanos()).isEqualTo(3_906_250);
        assertThat(r.rootDispersionNanos()).isEqualTo(1_953_125);
        assertThat(r.rootDistanceNanos()).isEqualTo((1_708_984 + 3_906_250) / 2 + 1_953_125);
        assertThat(r.minErrorNanos()).isZero();
        assertThat(r.referenceTimeNanos()).isEqualTo((T.getEpochSecond() - 100) * 1_000_000_000L);
        assertThat(r.timeNanos()).isEqualTo(T.getEpochSecond() * 1_000_000_000L + 1_220_703); // 2^-10 + 2^-12 s
        assertThat(r.stratum()).isEqualTo(2);
        assertThat(r.leap()).isZero();
        assertThat(r.version()).isEqualTo(4);
        assertThat(r.invalidity()).isNull();
    }

    @Test
    void aServerBehindGivesANegativeOffsetAndCausalityViolationsAMinimumError() throws Exception {
        // the server received 2^-8 s before we sent and answered before we received
        byte[] request = SntpClient.request(4, 42);
        byte[] reply = reply(request, 0, 3, T_NTP - (5L << 32), T_NTP - (1L << 24), T_NTP - (1L << 24), 0, 0);
        SntpResponse r = SntpClient.parse(reply, 48, 42, T, T_PLUS_2_9);
        assertThat(r.clockOffsetNanos()).isEqualTo(-(3_906_250 + 976_563)); // -(2^24 + 2^22) units, half up
        assertThat(r.minErrorNanos()).isEqualTo(3_906_250); // org - rec = 2^24 units
        assertThat(r.rttNanos()).isEqualTo(1_953_125);
    }

    @Test
    void invalidRepliesAreRefusedWithTheLibrarysMessages() {
        byte[] request = SntpClient.request(4, 7);
        byte[] good = reply(request, 0, 2, T_NTP, T_NTP, T_NTP, 0, 0);
        assertThatThrownBy(() -> SntpClient.parse(good, 47, 7, T, T)).hasMessage("unexpected EOF");
        assertThatThrownBy(() -> SntpClient.parse(good, 0, 7, T, T)).hasMessage("EOF");
        byte[] clientMode = good.clone();
        clientMode[0] = 0x23;
        assertThatThrownBy(() -> SntpClient.parse(clientMode, 48, 7, T, T)).hasMessage("invalid mode in response");
        byte[] noTransmit = reply(request, 0, 2, T_NTP, 0, 0, 0, 0);
        assertThatThrownBy(() -> SntpClient.parse(noTransmit, 48, 7, T, T)).hasMessage("invalid transmit time in response");
        assertThatThrownBy(() -> SntpClient.parse(good, 48, 8, T, T)).hasMessage("server response didn't match request");
        byte[] backwards = reply(request, 0, 2, T_NTP, T_NTP + 2, T_NTP + 1, 0, 0);
        assertThatThrownBy(() -> SntpClient.parse(backwards, 48, 7, T, T)).hasMessage("server clock ticked backwards");
        // an unsigned comparison: a receive time past 2^63 is after a transmit time below it
        byte[] wrapped = reply(request, 0, 2, T_NTP, 0x8000000000000000L, 0x7fffffffffffffffL, 0, 0);
        assertThatThrownBy(() -> SntpClient.parse(wrapped, 48, 7, T, T)).hasMessage("server clock ticked backwards");
    }

    /** Whatever a server sends, parsing ends in a response or the documented exception. */
    @Property(tries = 2000)
    void garbageNeverThrowsAnythingElse(@ForAll @Size(max = 64) byte[] datagram, @ForAll boolean echo) {
        byte[] buf = java.util.Arrays.copyOf(datagram, Math.max(48, datagram.length));
        if (echo) {
            ByteBuffer.wrap(buf).putLong(24, 99);
            buf[0] = (byte) ((buf[0] & ~7) | 4);
        }
        try {
            SntpResponse r = SntpClient.parse(buf, datagram.length, 99, T, T_PLUS_2_9);
            r.invalidity();
        } catch (SntpClient.InvalidReplyException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
    }

    @Test
    void validationFollowsTheLibrarysChecksInItsOrder() {
        long now = T.getEpochSecond() * 1_000_000_000L;
        SntpResponse ok = new SntpResponse(now, 0, 0, 2, 0, now - 1_000_000_000L, 0, 0, 0, 0, 4);
        assertThat(ok.invalidity()).isNull();
        assertThat(with(ok, 0, 0, now - 1, 0, 0).invalidity()).isEqualTo("kiss of death received");
        assertThat(with(ok, 16, 0, now - 1, 0, 0).invalidity()).isEqualTo("invalid stratum in response");
        assertThat(with(ok, 15, 0, now - (1L << 17) * 1_000_000_000L, 0, 0).invalidity()).isNull();
        assertThat(with(ok, 15, 0, now - (1L << 17) * 1_000_000_000L - 1, 0, 0).invalidity())
                .isEqualTo("server clock not fresh");
        assertThat(with(ok, 2, 0, now, 2_000_000_000L, 15_000_000_000L).invalidity()).isNull(); // lambda 16 s
        assertThat(with(ok, 2, 0, now, 2_000_000_002L, 15_000_000_000L).invalidity())
                .isEqualTo("invalid dispersion in response");
        assertThat(with(ok, 2, 0, now + 1, 0, 0).invalidity()).isEqualTo("invalid time reported");
        assertThat(with(ok, 2, 3, now, 0, 0).invalidity()).isEqualTo("invalid leap second in response");
        assertThat(with(ok, 2, 1, now, 0, 0).invalidity()).isNull();
    }

    private static SntpResponse with(SntpResponse r, int stratum, int leap, long reference, long delay, long dispersion) {
        return new SntpResponse(r.timeNanos(), r.clockOffsetNanos(), r.rttNanos(), stratum, leap, reference, delay,
                dispersion, r.rootDistanceNanos(), r.minErrorNanos(), r.version());
    }

    @Test
    void fixedPointConversionsRoundHalfUpAndEra1StartsBelow1970() {
        assertThat(SntpClient.duration(1L << 31)).isEqualTo(500_000_000);
        assertThat(SntpClient.duration(1)).isZero(); // 0.23 ns
        assertThat(SntpClient.duration(3)).isEqualTo(1); // 0.698 ns
        assertThat(SntpClient.shortDuration(0x00018000)).isEqualTo(1_500_000_000L);
        assertThat(SntpClient.shortDuration(1)).isEqualTo(15_259); // 15258.789 ns
        assertThat(SntpClient.timestamp(T)).isEqualTo(T_NTP);
        assertThat(SntpClient.timestamp(T_PLUS_2_9)).isEqualTo(T_NTP + (1L << 23));
        assertThat(SntpClient.time(T_NTP)).isEqualTo(T.getEpochSecond() * 1_000_000_000L);
        // a zero timestamp (a server that never set its clock) is 2036-02-07T06:28:16Z, as in beevik/ntp 1.x
        assertThat(SntpClient.time(0)).isEqualTo(2_085_978_496L * 1_000_000_000L);
        assertThat(SntpClient.time(0x83aa7e80_00000000L)).isZero();
    }

    @Test
    void addressesAreReadAsTheLibraryReadsThem() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        assertThat(SntpClient.address("127.0.0.1", 123)).isEqualTo(new InetSocketAddress(v4, 123));
        assertThat(SntpClient.address("127.0.0.1:10123", 123)).isEqualTo(new InetSocketAddress(v4, 10123));
        assertThat(SntpClient.address("::1", 123)).isEqualTo(new InetSocketAddress(v6, 123));
        assertThat(SntpClient.address("[::1]", 123)).isEqualTo(new InetSocketAddress(v6, 123));
        assertThat(SntpClient.address("[::1]:99", 123)).isEqualTo(new InetSocketAddress(v6, 99));
        assertThatThrownBy(() -> SntpClient.address("", 123)).hasMessage("address string is empty");
        assertThatThrownBy(() -> SntpClient.address("[::1", 123)).hasMessage("missing ']' in address");
        assertThatThrownBy(() -> SntpClient.address("[::1]x", 123))
                .hasMessage("unexpected character following ']' in address");
    }

    /** Over a real UDP socket: the query the server sees, and its answer read back. */
    @Test
    void queryOverLoopbackCarriesTheVersionAndARandomTransmitTime() throws Exception {
        try (Daemons.UdpResponder server = new Daemons.UdpResponder(
                request -> reply(request, 0, 2, T_NTP - (100L << 32), T_NTP + (1L << 22),
                        T_NTP + (1L << 22) + (1L << 20), 0x100, 0x80))) {
            RandomGenerator fixed = new RandomGenerator() {
                @Override
                public long nextLong() {
                    return 0x0123456789abcdefL;
                }
            };
            SntpClient client = new SntpClient(clock(T, T_PLUS_2_9), fixed);
            SntpResponse r = client.query(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port), 3, 1,
                    Duration.ofSeconds(1));
            assertThat(r.clockOffsetNanos()).isEqualTo(122_070);
            byte[] seen = server.requests.get(0);
            assertThat(seen).hasSize(48);
            assertThat(seen[0]).isEqualTo((byte) 0x1b); // version 3, client mode
            assertThat(ByteBuffer.wrap(seen).getLong(40)).isEqualTo(0x0123456789abcdefL);
        }
    }

    @Test
    void anInvalidTtlIsTheKernelsRefusal() throws Exception {
        try (Daemons.UdpResponder server = new Daemons.UdpResponder(request -> null)) {
            SntpClient client = new SntpClient(InstantSource.system(), RandomGenerator.getDefault());
            assertThatThrownBy(() -> client.query(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port),
                    4, 256, Duration.ofSeconds(1))).hasMessageEndingWith(": invalid argument");
        }
    }
}
