package org.nodeprocessexporter.sys;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A connected UDP socket made with libc's socket, setsockopt, connect, send, poll and recv, for the
 * ntp collector. Why not the JDK's datagram channel: it cannot set the unicast {@code IP_TTL},
 * which node_exporter sets from {@code --collector.ntp.ip-ttl} (1 by default, so that a query
 * never leaves the host's link). Only on 64-bit Linux; elsewhere {@link #open} throws.
 */
public final class UdpSocket implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final short POLLIN = 0x1;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    private final int fd;
    private final String peer;

    private UdpSocket(int fd, String peer) {
        this.fd = fd;
        this.peer = peer;
    }

    private static native int socket(int domain, int type, int protocol);

    private static native int setsockopt(int fd, int level, int name, int[] value, int length);

    private static native int connect(int fd, byte[] address, int length);

    private static native long send(int fd, byte[] buf, long length, int flags);

    private static native long recv(int fd, byte[] buf, long length, int flags);

    private static native int poll(byte[] fds, long count, int timeoutMillis);

    private static native int close(int fd);

    private static final class Binding {
        static final boolean AVAILABLE = register();

        private static boolean register() {
            if (!Platform.isLinux() || Native.LONG_SIZE != 8 || Native.POINTER_SIZE != 8) {
                return false;
            }
            try {
                Native.register(UdpSocket.class, LibcLibrary.get());
                return true;
            } catch (LinkageError | RuntimeException e) {
                return false;
            }
        }
    }

    /** A UDP socket of the remote address's family, connected to it (no packet is sent). */
    public static UdpSocket open(InetSocketAddress remote) throws IOException {
        if (!Binding.AVAILABLE) {
            throw new IOException("UDP sockets through libc are only supported on 64-bit Linux");
        }
        if (remote.isUnresolved()) {
            throw new IOException("unresolved address " + remote.getHostString());
        }
        boolean v4 = remote.getAddress() instanceof Inet4Address;
        String peer = v4 ? remote.getAddress().getHostAddress() + ":" + remote.getPort()
                : "[" + remote.getAddress().getHostAddress() + "]:" + remote.getPort();
        int fd = socket(v4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failure("socket", peer, Native.getLastError());
        }
        UdpSocket s = new UdpSocket(fd, peer);
        byte[] address = sockaddr(remote, v4);
        if (connect(fd, address, address.length) != 0) {
            int errno = Native.getLastError();
            s.close();
            throw failure("dial", peer, errno);
        }
        return s;
    }

    /** {@code struct sockaddr_in} or {@code sockaddr_in6}: the family in host order, the port in network order. */
    private static byte[] sockaddr(InetSocketAddress remote, boolean v4) {
        byte[] ip = remote.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(v4 ? 16 : 28);
        b.order(ByteOrder.nativeOrder()).putShort((short) (v4 ? AF_INET : AF_INET6));
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) remote.getPort());
        if (v4) {
            b.put(ip);
        } else {
            b.putInt(0).put(ip); // flow info, address; the scope id stays 0
        }
        return b.array();
    }

    /** Sets {@code IP_TTL}, as Go's {@code ipv4.Conn.SetTTL} does for either family. */
    public void setTtl(int ttl) throws IOException {
        if (setsockopt(fd, IPPROTO_IP, IP_TTL, new int[] {ttl}, 4) != 0) {
            throw failure("setsockopt", peer, Native.getLastError());
        }
    }

    public void send(byte[] datagram, int length) throws IOException {
        long n;
        do {
            n = send(fd, datagram, length, 0);
        } while (n < 0 && Native.getLastError() == EINTR);
        if (n < 0) {
            throw failure("write", peer, Native.getLastError());
        }
    }

    /**
     * Waits for one datagram until {@code deadlineNanos} ({@link System#nanoTime()}) and copies up
     * to {@code buf.length} bytes of it: the number copied. An ICMP error the kernel queued for the
     * socket (port unreachable) comes back as its errno.
     */
    public int receive(byte[] buf, long deadlineNanos) throws IOException {
        ByteBuffer pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        while (true) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("read udp " + peer + ": i/o timeout");
            }
            pollfd.clear();
            pollfd.putInt(fd).putShort(POLLIN).putShort((short) 0);
            int ready = poll(pollfd.array(), 1, (int) Math.max(1, (remaining + 999_999) / 1_000_000));
            if (ready < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    continue;
                }
                throw failure("read", peer, errno);
            }
            if (ready == 0) {
                continue;
            }
            long n = recv(fd, buf, buf.length, MSG_DONTWAIT);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno != EINTR && errno != EAGAIN) {
                throw failure("read", peer, errno);
            }
        }
    }

    private static IOException failure(String op, String peer, int errno) {
        return new IOException(op + " udp " + peer + ": " + Errno.text(errno));
    }

    @Override
    public void close() {
        close(fd);
    }
}
