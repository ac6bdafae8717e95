package org.nodeprocessexporter.sys.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds one netlink request: {@code struct nlmsghdr} (length, type, flags, sequence, port), the
 * family's fixed header, then attributes, each padded to 4 bytes, in the machine's byte order.
 * The sequence number is filled in by {@link NetlinkSocket} when it sends the request.
 */
public final class NetlinkRequest {
    public static final int HEADER = 16;
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP = 0x300;

    private final ByteBuffer b;

    private NetlinkRequest(int type, int flags) {
        b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        b.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
    }

    /** A request of message type {@code type}; NLM_F_REQUEST is added to {@code flags}. */
    public static NetlinkRequest of(int type, int flags) {
        return new NetlinkRequest(type, flags | NLM_F_REQUEST);
    }

    /** A dump request: every object of the type, in as many messages as it takes. */
    public static NetlinkRequest dump(int type) {
        return of(type, NLM_F_DUMP);
    }

    /** {@code n} zero bytes: a family header left empty (no filter). */
    public NetlinkRequest zeros(int n) {
        for (int i = 0; i < n; i++) {
            b.put((byte) 0);
        }
        return this;
    }

    public NetlinkRequest u8(int v) {
        b.put((byte) v);
        return this;
    }

    public NetlinkRequest u16(int v) {
        b.putShort((short) v);
        return this;
    }

    public NetlinkRequest u32(long v) {
        b.putInt((int) v);
        return this;
    }

    public NetlinkRequest attrU32(int type, long v) {
        b.putShort((short) 8).putShort((short) type).putInt((int) v);
        return this;
    }

    /** A NUL-terminated string attribute (generic netlink's family names). */
    public NetlinkRequest attrString(int type, String v) {
        byte[] s = v.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) (4 + s.length + 1)).putShort((short) type).put(s).put((byte) 0);
        while ((b.position() & 3) != 0) {
            b.put((byte) 0);
        }
        return this;
    }

    /** The finished message (length filled in), positioned at 0. */
    public ByteBuffer build() {
        ByteBuffer out = b.duplicate().order(ByteOrder.nativeOrder());
        out.flip();
        out.putInt(0, out.limit());
        return out;
    }
}
