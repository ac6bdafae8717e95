package org.nodeprocessexporter.sys.netlink;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nodeprocessexporter.sys.LibcLibrary;

/**
 * An AF_NETLINK socket through JNA's direct mapping: opened, bound (the kernel picks the port),
 * given a receive timeout, and closed by {@link #close()}. It sends one request at a time and reads
 * the reply datagrams into a native buffer the caller owns, walked by {@link NetlinkMessages}.
 *
 * <p>Every receive waits at most {@link #RECEIVE_TIMEOUT_MS} (SO_RCVTIMEO) and a whole reply at most
 * {@link #REPLY_DEADLINE_MS}, so a request never holds a scrape longer than that. A datagram larger
 * than the buffer is read cut short (MSG_TRUNC tells its real size) and counted as malformed.
 * The socket belongs to the network namespace of the thread that opens it.
 *
 * <p>64-bit Linux only (size_t is a Java long); {@link #AVAILABLE} says whether it works here.
 * Not thread-safe.
 */
public final class NetlinkSocket implements AutoCloseable {
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_SOCK_DIAG = 4;
    public static final int NETLINK_GENERIC = 16;

    static final int RECEIVE_TIMEOUT_MS = 2000;
    static final int REPLY_DEADLINE_MS = 10_000;
    /** More than the kernel puts in one dump datagram (32 KiB at most, NLMSG_GOODSIZE usually). */
    public static final int BUFFER_SIZE = 64 * 1024;

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int MSG_TRUNC = 0x20;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    public static final boolean AVAILABLE = LibcLibrary.registerOn64BitLinux(NetlinkSocket.class);

    private static native int socket(int domain, int type, int protocol);

    private static native int bind(int fd, byte[] addr, int len);

    private static native int setsockopt(int fd, int level, int name, byte[] value, int len);

    private static native long sendto(int fd, Pointer buf, long len, int flags, byte[] addr, int addrLen);

    private static native long recv(int fd, Pointer buf, long len, int flags);

    private static native int close(int fd);

    private final int fd;
    private final Memory buffer;
    private int seq;
    private Consumer<ByteBuffer> tap;

    private NetlinkSocket(int fd, Memory buffer) {
        this.fd = fd;
        this.buffer = buffer;
    }

    /**
     * Opens a socket of netlink protocol {@code protocol} using {@code buffer} (at least
     * {@link #BUFFER_SIZE}) for requests and replies; the buffer can be kept between sockets.
     */
    public static NetlinkSocket open(int protocol, Memory buffer) throws NetlinkException {
        if (!AVAILABLE) {
            throw new NetlinkException("netlink sockets are not available on this platform");
        }
        int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw new NetlinkException("netlink socket", Native.getLastError());
        }
        NetlinkSocket s = new NetlinkSocket(fd, buffer);
        try {
            ByteBuffer tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            tv.putLong(0, RECEIVE_TIMEOUT_MS / 1000).putLong(8, (RECEIVE_TIMEOUT_MS % 1000) * 1000L);
            if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv.array(), 16) != 0) {
                throw new NetlinkException("netlink SO_RCVTIMEO", Native.getLastError());
            }
            if (bind(fd, sockaddr(), 12) != 0) {
                throw new NetlinkException("netlink bind", Native.getLastError());
            }
        } catch (NetlinkException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** A buffer for {@link #open}. */
    public static Memory newBuffer() {
        return new Memory(BUFFER_SIZE);
    }

    /** {@code struct sockaddr_nl} of the kernel (port 0, no groups); binding to it lets the kernel pick our port. */
    private static byte[] sockaddr() {
        ByteBuffer a = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
        a.putShort(0, (short) AF_NETLINK);
        return a.array();
    }

    /** Every datagram received is also given to {@code tap} (the fixture capture tool). */
    public void tap(Consumer<ByteBuffer> tap) {
        this.tap = tap;
    }

    /**
     * Sends {@code request} and walks its reply until it is complete (NLMSG_DONE or the
     * acknowledgement; a request that is not a dump must ask for NLM_F_ACK).
     *
     * @return what the walk counted
     */
    public NetlinkMessages.Tally exchange(ByteBuffer request, NetlinkMessages.Handler handler) throws IOException {
        int n = request.limit();
        if (n > BUFFER_SIZE) {
            throw new IllegalArgumentException("netlink request too large: " + n);
        }
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        request.putInt(8, seq);
        byte[] bytes = new byte[n];
        request.get(0, bytes);
        buffer.write(0, bytes, 0, n);
        long sent;
        do {
            sent = sendto(fd, buffer, n, 0, sockaddr(), 12);
        } while (sent < 0 && Native.getLastError() == EINTR);
        if (sent < 0) {
            throw new NetlinkException("netlink send", Native.getLastError());
        }
        NetlinkMessages.Tally tally = new NetlinkMessages.Tally();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_DEADLINE_MS);
        while (true) {
            long got = recv(fd, buffer, BUFFER_SIZE, MSG_TRUNC);
            if (got < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    continue;
                }
                if (errno == EAGAIN) {
                    throw new NetlinkException("netlink reply timed out after " + RECEIVE_TIMEOUT_MS + " ms");
                }
                throw new NetlinkException("netlink receive", errno);
            }
            int length = (int) Math.min(got, BUFFER_SIZE);
            if (got > BUFFER_SIZE) {
                tally.malformed++;
            }
            ByteBuffer datagram = buffer.getByteBuffer(0, length).order(ByteOrder.nativeOrder());
            if (tap != null) {
                tap.accept(datagram.duplicate().order(ByteOrder.nativeOrder()));
            }
            if (NetlinkMessages.walk(datagram, seq, handler, tally)) {
                return tally;
            }
            if (System.nanoTime() > deadline) {
                throw new NetlinkException("netlink reply not complete after " + REPLY_DEADLINE_MS + " ms");
            }
        }
    }

    @Override
    public void close() {
        close(fd);
    }
}
