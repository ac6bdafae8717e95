package org.nodeprocessexporter.sys.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Truncated, corrupted and random replies: the walk and every parser end, never throw anything
 * but the documented {@link NetlinkException}, and count what they skip.
 */
class NetlinkParsingPropertiesTest {
    private static final String[] FIXTURES = {"link.bin", "qdisc.bin", "route.bin", "inet_diag4.bin",
        "inet_diag6.bin", "genl_nlctrl.bin"};

    /** Every parser at once, as the collectors would use them. */
    private static final NetlinkMessages.Handler ALL = (type, b, off, len) -> {
        RtNetlink.parseLink(b, off, len, new java.util.HashMap<>());
        RtNetlink.parseQdisc(b, off, len);
        RtNetlink.parseRoute(b, off, len);
        InetDiag.add(b, off, len, new InetDiag.TcpCounts());
        GenericNetlink.parseFamily(b, off, len);
        Nl80211.parseInterface(b, off, len);
        Nl80211.parseStation(b, off, off + len);
        Nl80211.parseBss(b, off, off + len);
        return true;
    };

    private static NetlinkMessages.Tally walk(byte[] bytes, int length) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length).slice().order(ByteOrder.nativeOrder());
        NetlinkMessages.Tally t = new NetlinkMessages.Tally();
        try {
            NetlinkMessages.walk(b, 0, ALL, t);
        } catch (NetlinkException e) {
            // documented: an NLMSG_ERROR / DONE with an errno, or an overrun, in corrupted input
        }
        return t;
    }

    @Provide
    Arbitrary<byte[]> capturedReply() {
        return Arbitraries.of(FIXTURES).map(name -> {
            try {
                ByteBuffer b = NetlinkFixturesTest.fixture(name);
                byte[] a = new byte[b.remaining()];
                b.get(a);
                return a;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Property(tries = 300)
    void aReplyCutAnywhereIsWalkedWithoutFailing(@ForAll("capturedReply") byte[] reply,
                                                 @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        int length = cut % (reply.length + 1);
        NetlinkMessages.Tally t = walk(reply, length);
        assertThat(t.messages).isLessThanOrEqualTo(reply.length / NetlinkRequest.HEADER);
    }

    @Provide
    Arbitrary<byte[]> corruptedReply() {
        return Combinators.combine(capturedReply(), Arbitraries.integers().between(0, 1 << 20).list().ofMaxSize(12),
                Arbitraries.bytes().list().ofMaxSize(12)).as((reply, positions, values) -> {
                    byte[] copy = reply.clone();
                    for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
                        copy[positions.get(i) % copy.length] = values.get(i);
                    }
                    return copy;
                });
    }

    @Property(tries = 500)
    void aCorruptedReplyIsWalkedWithoutFailing(@ForAll("corruptedReply") byte[] reply) {
        walk(reply, reply.length);
    }

    @Property(tries = 500)
    void randomBytesAreWalkedWithoutFailing(@ForAll @Size(max = 600) byte[] bytes) {
        walk(bytes, bytes.length);
    }

    @Property(tries = 500)
    void attributesOverRandomBytesEndAndStayInTheirRange(@ForAll @Size(max = 300) byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        NlAttrs a = new NlAttrs(b, 0, bytes.length);
        int n = 0;
        while (a.next()) {
            assertThat(a.dataOffset() + a.dataLength()).isLessThanOrEqualTo(bytes.length);
            a.u64();
            a.string();
            NlAttrs nested = a.nested();
            while (nested.next()) {
                nested.u32();
            }
            n++;
        }
        assertThat(n).isLessThanOrEqualTo(bytes.length / 4);
    }

    @Test
    void anErrorReplyThrowsItsErrnoAndAnAckEndsTheReply() {
        ByteBuffer err = message(NetlinkMessages.NLMSG_ERROR, 7, -19);
        assertThatThrownBy(() -> NetlinkMessages.walk(err, 7, ALL, new NetlinkMessages.Tally()))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(19);
                    assertThat(e.getMessage()).contains("no such device");
                });
        ByteBuffer ack = message(NetlinkMessages.NLMSG_ERROR, 7, 0);
        assertThat(walkQuietly(ack, 7)).isTrue();
    }

    @Test
    void aDumpEndedByAnErrorThrowsIt() {
        ByteBuffer done = message(NetlinkMessages.NLMSG_DONE, 3, -1);
        assertThatThrownBy(() -> NetlinkMessages.walk(done, 3, ALL, new NetlinkMessages.Tally()))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.denied()).isTrue());
    }

    @Test
    void messagesOfAnotherRequestAreSkippedAndCounted() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.nativeOrder());
        b.put(message(RtNetlink.RTM_NEWLINK, 1, 0)).put(message(NetlinkMessages.NLMSG_DONE, 2, 0)).flip();
        List<Integer> seen = new ArrayList<>();
        NetlinkMessages.Tally t = new NetlinkMessages.Tally();
        assertThat(NetlinkMessages.walk(b, 2, (type, buf, off, len) -> seen.add(type), t)).isTrue();
        assertThat(seen).isEmpty();
        assertThat(t.foreign).isEqualTo(1);
    }

    @Test
    void aHeaderLongerThanTheDatagramIsCountedAndEndsTheWalk() throws Exception {
        ByteBuffer b = message(RtNetlink.RTM_NEWLINK, 1, 0);
        b.putInt(0, 4096);
        NetlinkMessages.Tally t = new NetlinkMessages.Tally();
        assertThat(NetlinkMessages.walk(b, 1, ALL, t)).isFalse();
        assertThat(t.malformed).isEqualTo(1);
        assertThat(t.messages).isZero();
    }

    private static boolean walkQuietly(ByteBuffer b, int seq) {
        try {
            return NetlinkMessages.walk(b, seq, ALL, new NetlinkMessages.Tally());
        } catch (NetlinkException e) {
            throw new AssertionError(e);
        }
    }

    /** A 20-byte message: header and one int of payload. */
    static ByteBuffer message(int type, int seq, int payload) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(20).putShort((short) type).putShort((short) 0).putInt(seq).putInt(0).putInt(payload).flip();
        return b;
    }
}
