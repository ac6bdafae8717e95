package org.nodeprocessexporter.sys.netlink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over netlink attributes ({@code struct rtattr} / {@code struct nlattr}: u16 length with
 * the 4-byte header, u16 type, data, padding to 4 bytes) in a byte range of a buffer in the
 * machine's byte order. One object walks one range; {@link #nested()} gives a new cursor over the
 * current attribute's data. Nothing is copied until a value is asked for.
 *
 * <p>An attribute whose length is below the header or runs past the range ends the walk and marks
 * the cursor {@link #malformed()}: what came before it is still good, what follows cannot be
 * found. The accessors of a too-short attribute answer 0 (or an empty value) rather than reading
 * past it.
 */
public final class NlAttrs {
    /** The flag bits of an attribute type (NLA_F_NESTED, NLA_F_NET_BYTEORDER). */
    private static final int TYPE_MASK = 0x3fff;

    private final ByteBuffer b;
    private int pos;
    private final int end;
    private boolean malformed;
    private int type;
    private int dataOffset;
    private int dataLength;

    /** The attributes in {@code b[start, end)}; {@code b} must be in native byte order. */
    public NlAttrs(ByteBuffer b, int start, int end) {
        this.b = b;
        this.pos = start;
        this.end = Math.min(end, b.limit());
    }

    /** Moves to the next attribute; false at the end of the range or at a malformed attribute. */
    public boolean next() {
        if (malformed || pos + 4 > end) {
            return false;
        }
        int len = b.getShort(pos) & 0xffff;
        if (len < 4 || pos + len > end) {
            malformed = true;
            return false;
        }
        type = b.getShort(pos + 2) & TYPE_MASK;
        dataOffset = pos + 4;
        dataLength = len - 4;
        pos += (len + 3) & ~3;
        return true;
    }

    /** Whether the walk stopped at an attribute that does not fit its range. */
    public boolean malformed() {
        return malformed;
    }

    public int type() {
        return type;
    }

    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }

    public NlAttrs nested() {
        return new NlAttrs(b, dataOffset, dataOffset + dataLength);
    }

    public int u8() {
        return dataLength >= 1 ? b.get(dataOffset) & 0xff : 0;
    }

    public int u16() {
        return dataLength >= 2 ? b.getShort(dataOffset) & 0xffff : 0;
    }

    /** An unsigned 32-bit value. */
    public long u32() {
        return dataLength >= 4 ? b.getInt(dataOffset) & 0xffffffffL : 0;
    }

    /** An unsigned 64-bit value, as Java's long bits. */
    public long u64() {
        return dataLength >= 8 ? b.getLong(dataOffset) : 0;
    }

    /** A u32 at {@code offset} into the data, 0 past its end. */
    public long u32At(int offset) {
        return dataLength >= offset + 4 ? b.getInt(dataOffset + offset) & 0xffffffffL : 0;
    }

    public long u64At(int offset) {
        return dataLength >= offset + 8 ? b.getLong(dataOffset + offset) : 0;
    }

    public byte[] bytes() {
        byte[] out = new byte[dataLength];
        b.get(dataOffset, out);
        return out;
    }

    /** A NUL-terminated (or unterminated) string, as Go's {@code nlenc.String} reads it. */
    public String string() {
        int n = 0;
        while (n < dataLength && b.get(dataOffset + n) != 0) {
            n++;
        }
        byte[] out = new byte[n];
        b.get(dataOffset, out);
        return new String(out, StandardCharsets.UTF_8);
    }
}
