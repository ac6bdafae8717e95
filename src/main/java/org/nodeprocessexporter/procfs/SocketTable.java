package org.nodeprocessexporter.procfs;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One of {@code /proc/<pid>/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}, parsed into
 * reusable primitive columns with an inode index. Read once per network namespace per scrape.
 *
 * <p>Line format ({@code net/ipv4/tcp_ipv4.c}, {@code udp.c}):
 * {@code sl: local:port remote:port st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...}.
 * An address is the kernel's in-memory bytes printed as 32-bit words in <em>host</em> byte order
 * ({@code %08X}; {@code 0100007F} is 127.0.0.1 on little-endian), four words for IPv6; ports are
 * plain hex numbers. Addresses are stored in the compact form of {@link SocketAddressText}.
 *
 * <p>Contract: {@link #read} returns a {@link ReadStatus} and never throws; on anything but OK the
 * table is empty. A line that does not parse (e.g. the last, cut-off line of a truncated file) is
 * skipped and counted in {@link #malformedLines()}; the header line is skipped silently.
 * Not thread-safe.
 */
public final class SocketTable {
    private static final int SYN_RECV = 3;
    private static final int LISTEN = 10;
    private final boolean ipv6;
    private int size;
    private int malformedLines;
    private long[] localHi = new long[0];
    private long[] localLo = new long[0];
    private long[] remoteHi = new long[0];
    private long[] remoteLo = new long[0];
    private int[] ports = new int[0]; // local << 16 | remote
    private byte[] states = new byte[0];
    private long[] inodes = new long[0];
    private final LongIntMap byInode = new LongIntMap(64);
    /** Request sockets (SYN_RECV without an inode): how many, and how many per local port. */
    private int requests;
    private final LongIntMap requestsByPort = new LongIntMap(16);

    /** @param ipv6 whether this is a {@code tcp6}/{@code udp6} table */
    public SocketTable(boolean ipv6) {
        this.ipv6 = ipv6;
    }

    public boolean ipv6() {
        return ipv6;
    }

    /** Reads and parses {@code file} (e.g. {@code procRoot/<pid>/net/tcp6}) with the host byte order. */
    public ReadStatus read(ProcFile buffer, Path file) {
        clear();
        swap = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        ReadStatus st = buffer.readLines(file, lineSink);
        if (st != ReadStatus.OK) {
            clear();
        }
        return st;
    }

    public void clear() {
        size = 0;
        malformedLines = 0;
        byInode.clear();
        requests = 0;
        requestsByPort.clear();
    }

    /**
     * Replaces the content with the table in {@code b[0, len)}.
     *
     * @param kernelOrder byte order of the kernel that printed it (the host's, for live files)
     */
    public void parse(byte[] b, int len, ByteOrder kernelOrder) {
        clear();
        swap = kernelOrder == ByteOrder.LITTLE_ENDIAN;
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                line(b, start, i, true);
                start = i + 1;
            }
        }
        if (start < len) {
            line(b, start, len, false);
        }
    }

    private final ProcFile.LineSink lineSink = this::line;
    private boolean swap;
    private AsciiCursor cursor;

    private void line(byte[] b, int start, int end, boolean complete) {
        if (!complete) {
            malformedLines++; // a line without newline was cut short
            return;
        }
        AsciiCursor l = cursor != null && cursor.b == b ? cursor.reset(start, end) : (cursor = new AsciiCursor(b, start, end));
        l.optBlanks();
        if (l.atEnd() || b[l.pos] < '0' || b[l.pos] > '9') {
            return; // header
        }
        if (!parseLine(l, swap)) {
            malformedLines++;
        }
    }

    private boolean parseLine(AsciiCursor l, boolean swap) {
        ensureCapacity(size + 1);
        int row = size;
        l.u64();
        l.expect(':');
        l.blanks();
        address(l, swap, localHi, localLo, row);
        l.expect(':');
        int lport = (int) l.hex(4);
        l.blanks();
        address(l, swap, remoteHi, remoteLo, row);
        l.expect(':');
        int rport = (int) l.hex(4);
        l.blanks();
        long state = l.hex(2);
        l.blanks();
        l.token(); // tx_queue:rx_queue
        l.blanks();
        l.token(); // tr:tm->when
        l.blanks();
        l.token(); // retrnsmt
        l.blanks();
        l.u64(); // uid
        l.blanks();
        l.s64(); // timeout
        l.blanks();
        long inode = l.u64();
        if (l.bad || (!l.atEnd() && l.b[l.pos] != ' ')) {
            return false;
        }
        ports[row] = lport << 16 | rport;
        states[row] = (byte) state;
        inodes[row] = inode;
        byInode.put(inode, row);
        if (inode == 0 && state == SYN_RECV) {
            requests++;
            int n = requestsByPort.get(lport);
            requestsByPort.put(lport, n < 0 ? 1 : n + 1);
        }
        size++;
        return true;
    }

    private void address(AsciiCursor l, boolean swap, long[] hi, long[] lo, int row) {
        if (!ipv6) {
            lo[row] = word(l, swap) & 0xFFFFFFFFL;
            return;
        }
        long w0 = word(l, swap) & 0xFFFFFFFFL;
        long w1 = word(l, swap) & 0xFFFFFFFFL;
        long w2 = word(l, swap) & 0xFFFFFFFFL;
        long w3 = word(l, swap) & 0xFFFFFFFFL;
        hi[row] = w0 << 32 | w1;
        lo[row] = w2 << 32 | w3;
    }

    private static int word(AsciiCursor l, boolean swap) {
        int w = (int) l.hex(8);
        return swap ? Integer.reverseBytes(w) : w;
    }

    private void ensureCapacity(int n) {
        if (n <= inodes.length) {
            return;
        }
        int cap = Math.max(64, inodes.length + (inodes.length >> 1));
        if (ipv6) { // an IPv4 address fits the low word; the high words stay empty
            localHi = Arrays.copyOf(localHi, cap);
            remoteHi = Arrays.copyOf(remoteHi, cap);
        }
        localLo = Arrays.copyOf(localLo, cap);
        remoteLo = Arrays.copyOf(remoteLo, cap);
        ports = Arrays.copyOf(ports, cap);
        states = Arrays.copyOf(states, cap);
        inodes = Arrays.copyOf(inodes, cap);
    }

    /**
     * The half-open connections waiting for a listener on {@code port}: the kernel's request
     * sockets, which the table lists as SYN_RECV without an inode (no process holds them; they
     * belong to the listener until the handshake completes). With {@code anyAddress} (the listener
     * is bound to 0.0.0.0 or ::), those to any local address; else those to {@code hi, lo} (an
     * IPv4 table keeps its address in {@code lo}).
     */
    public int requestsTo(int port, boolean anyAddress, long hi, long lo) {
        int n = requests == 0 ? 0 : requestsByPort.get(port);
        if (n <= 0 || anyAddress) {
            return Math.max(n, 0);
        }
        int count = 0;
        for (int r = 0; r < size; r++) {
            if (inodes[r] == 0 && states[r] == SYN_RECV && localPort(r) == port && localLo[r] == lo
                    && (!ipv6 || localHi[r] == hi)) {
                count++;
            }
        }
        return count;
    }

    /** Whether a socket listens on {@code port} (any address). */
    public boolean listensOn(int port) {
        for (int r = 0; r < size; r++) {
            if (states[r] == LISTEN && localPort(r) == port) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return size;
    }

    public int malformedLines() {
        return malformedLines;
    }

    /** Row of the socket with this inode, or -1 ({@link LongIntMap#MISSING}); inode 0 is never found. */
    public int rowOfInode(long inode) {
        return byInode.get(inode);
    }

    public long localHi(int row) {
        return ipv6 ? localHi[row] : 0;
    }

    public long localLo(int row) {
        return localLo[row];
    }

    public int localPort(int row) {
        return ports[row] >>> 16;
    }

    public long remoteHi(int row) {
        return ipv6 ? remoteHi[row] : 0;
    }

    public long remoteLo(int row) {
        return remoteLo[row];
    }

    public int remotePort(int row) {
        return ports[row] & 0xFFFF;
    }

    /** Kernel state number, {@code include/net/tcp_states.h}: 1 ESTABLISHED ... 10 LISTEN ... 13. */
    public int state(int row) {
        return states[row] & 0xFF;
    }

    /** Socket inode; 0 when no process owns it (TIME_WAIT, NEW_SYN_RECV, orphans). */
    public long inode(int row) {
        return inodes[row];
    }

    /** {@code ip:port} or {@code [ip]:port}. */
    public String localEndpoint(int row) {
        return SocketAddressText.endpoint(ipv6, localHi(row), localLo[row], localPort(row));
    }

    public String remoteEndpoint(int row) {
        return SocketAddressText.endpoint(ipv6, remoteHi(row), remoteLo[row], remotePort(row));
    }
}
