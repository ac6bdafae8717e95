package org.nodeprocessexporter.sys.netlink;

import java.nio.ByteBuffer;

/**
 * Walks the messages of a netlink reply (one datagram, or several one after the other) in a buffer
 * in native byte order: each {@code nlmsghdr} is checked against the bytes there are and against
 * the request's sequence number, control messages are handled here and the others are handed to a
 * {@link Handler}. Pure: the socket is in {@link NetlinkSocket}.
 *
 * <p>Bad input is counted, never fatal: a header whose length is impossible ends the walk of that
 * buffer (the next message cannot be found), a message with another sequence number (the late
 * answer to an earlier request) is skipped, a payload the handler cannot read is skipped. The walk
 * always moves forward by at least a header, so it ends.
 */
public final class NetlinkMessages {
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    private NetlinkMessages() {
    }

    /** Reads one message's payload {@code b[offset, offset + length)}. */
    @FunctionalInterface
    public interface Handler {
        /** @return false when the payload does not parse; it is then counted as malformed */
        boolean message(int type, ByteBuffer b, int offset, int length);
    }

    /** What walks found so far; one per request. */
    public static final class Tally {
        /** Messages handed to the handler. */
        public int messages;
        /** Headers that did not fit, payloads the handler refused, datagrams cut short. */
        public int malformed;
        /** Messages answering another request. */
        public int foreign;
    }

    /**
     * Walks {@code b[0, limit)}.
     *
     * @param seq the request's sequence number; 0 accepts any (replies captured elsewhere)
     * @return true when the reply is complete (NLMSG_DONE, or the acknowledgement NLMSG_ERROR 0)
     * @throws NetlinkException for an NLMSG_ERROR with an errno, a dump ended by one, or an overrun
     */
    public static boolean walk(ByteBuffer b, int seq, Handler h, Tally t) throws NetlinkException {
        int pos = 0;
        int limit = b.limit();
        while (pos + NetlinkRequest.HEADER <= limit) {
            int len = b.getInt(pos);
            if (len < NetlinkRequest.HEADER || len > limit - pos) {
                t.malformed++;
                return false;
            }
            int type = b.getShort(pos + 4) & 0xffff;
            int mseq = b.getInt(pos + 8);
            int payload = pos + NetlinkRequest.HEADER;
            int payloadLength = len - NetlinkRequest.HEADER;
            pos += (len + 3) & ~3;
            if (seq != 0 && mseq != seq) {
                t.foreign++;
                continue;
            }
            switch (type) {
                case NLMSG_NOOP:
                    break;
                case NLMSG_DONE: {
                    int error = payloadLength >= 4 ? b.getInt(payload) : 0;
                    if (error < 0) {
                        throw new NetlinkException("netlink dump", -error);
                    }
                    return true;
                }
                case NLMSG_ERROR: {
                    if (payloadLength < 4) {
                        t.malformed++;
                        return true;
                    }
                    int error = b.getInt(payload);
                    if (error < 0) {
                        throw new NetlinkException("netlink request", -error);
                    }
                    return true;
                }
                case NLMSG_OVERRUN:
                    throw new NetlinkException("netlink reply overrun: messages were lost");
                default:
                    t.messages++;
                    if (!h.message(type, b, payload, payloadLength)) {
                        t.malformed++;
                    }
            }
        }
        if (pos < limit) {
            t.malformed++; // a tail shorter than a header
        }
        return false;
    }
}
