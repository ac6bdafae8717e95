package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /proc/<pid>/mountstats}: a {@code device D mounted on M with fstype T} line per mount;
 * NFS mounts add {@code statvers=V} to it and follow it with their statistics (fs/nfs/super.c
 * {@code nfs_show_stats}, net/sunrpc/stats.c {@code rpc_clnt_show_stats}): {@code opts:},
 * {@code age:}, {@code events:} (27 counters), {@code bytes:} (8), one {@code xprt:} line per
 * transport, then {@code per-op statistics} and one line per RPC procedure, up to an empty line.
 *
 * <p>Accepts and refuses what prometheus/procfs's parser does, which node_exporter uses: a device
 * line must have the words {@code device mounted on with fstype} where they belong, statistics
 * only on {@code nfs} and {@code nfs4} mounts; {@code bytes:} exactly 8 numbers, {@code events:} 27;
 * {@code xprt:} lines of statvers 1.0 exactly 10 numbers for tcp and 7 for udp, of 1.1 exactly 13
 * for tcp, 10 for udp and at least 20 for rdma; per-op lines at least 8 numbers (the 9th, the error
 * count, since Linux 5.3); every number a decimal up to 2^64-1. Anything else makes the whole file
 * {@link MalformedException}, as it fails upstream's collector. Lines it does not know
 * ({@code caps:}, {@code sec:}, {@code nfsv4:}, {@code fsc:}, ...) are skipped. Two edges differ:
 * fields are split at ASCII white space only (Go also splits at Unicode spaces such as U+00A0,
 * which the kernel does not escape in mount points), and an rdma line longer than 31 numbers is
 * read where upstream's parser panics.
 *
 * <p>Numbers are unsigned 64-bit values kept in a {@code long}.
 *
 * @param mounts    number of mounts in the file, each {@code device} line counting one
 * @param nfsMounts the mounts with statistics, in file order
 */
public record MountStats(int mounts, List<NfsMount> nfsMounts) {

    /** Indexes into {@link NfsMount#bytes()}, in the kernel's order. */
    public static final int BYTES_READ = 0, BYTES_WRITE = 1, BYTES_DIRECT_READ = 2, BYTES_DIRECT_WRITE = 3,
            BYTES_SERVER_READ = 4, BYTES_SERVER_WRITE = 5, BYTES_READ_PAGES = 6, BYTES_WRITE_PAGES = 7;
    static final int BYTES_COUNT = 8;
    /** Number of counters of {@link NfsMount#events()} (fs/nfs/iostat.h, inode revalidations to pNFS writes). */
    public static final int EVENTS_COUNT = 27;

    /** The file does not have the format above; the message names the line. */
    public static final class MalformedException extends IOException {
        public MalformedException(String message) {
            super(message, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // thrown for a bad file, every scrape: only the message is ever logged
        }
    }

    /**
     * One NFS mount's statistics.
     *
     * @param index       position of the mount among all mounts of the file (0-based), which is
     *                    also its line in {@code mountinfo}
     * @param device      the export, as the kernel writes it ({@code server:/path}, octal escapes kept)
     * @param mountPoint  the mount point, octal escapes ({@code \040}) kept
     * @param fsType      {@code nfs} or {@code nfs4}
     * @param statVersion {@code 1.0} or {@code 1.1}, the {@code statvers=} of the device line
     * @param ageSeconds  {@code age:}, seconds since the mount; 0 without the line
     * @param bytes       the {@code bytes:} counters ({@link #BYTES_READ} ...); zeros without the line
     * @param events      the {@code events:} counters; zeros without the line
     * @param operations  the per-op lines, in file order
     * @param transports  the {@code xprt:} lines, in file order
     */
    public record NfsMount(int index, String device, String mountPoint, String fsType, String statVersion,
                           long ageSeconds, long[] bytes, long[] events, List<Operation> operations,
                           List<Transport> transports) {

        @Override
        public boolean equals(Object o) {
            return o instanceof NfsMount m && index == m.index && device.equals(m.device)
                    && mountPoint.equals(m.mountPoint) && fsType.equals(m.fsType)
                    && statVersion.equals(m.statVersion) && ageSeconds == m.ageSeconds
                    && Arrays.equals(bytes, m.bytes) && Arrays.equals(events, m.events)
                    && operations.equals(m.operations) && transports.equals(m.transports);
        }

        @Override
        public int hashCode() {
            return (device.hashCode() * 31 + mountPoint.hashCode()) * 31 + index;
        }

        @Override
        public String toString() {
            return "NfsMount[" + index + " " + device + " on " + mountPoint + " " + fsType + " statvers=" + statVersion
                    + " age=" + ageSeconds + " bytes=" + Arrays.toString(bytes) + " events=" + Arrays.toString(events)
                    + " ops=" + operations + " xprt=" + transports + "]";
        }
    }

    /**
     * One per-op line: an RPC procedure's counts and cumulative times in milliseconds.
     *
     * @param name   the procedure, without its colon
     * @param errors the 9th number (calls that ended with an error), 0 on kernels before 5.3
     */
    public record Operation(String name, long requests, long transmissions, long majorTimeouts, long bytesSent,
                            long bytesReceived, long queueMilliseconds, long responseMilliseconds,
                            long requestMilliseconds, long errors) {
    }

    /**
     * One {@code xprt:} line, its numbers placed as procfs places them: udp has no connect count,
     * connect time or idle time (0 here), statvers 1.0 and rdma no maximum slots, sending or
     * pending queue (0 here). The rdma-only counters are checked but not kept.
     *
     * @param protocol {@code tcp}, {@code udp} or {@code rdma}
     */
    public record Transport(String protocol, long port, long bind, long connect, long connectIdleTime,
                            long idleTimeSeconds, long sends, long receives, long badTransactionIds,
                            long activeRequests, long backlog, long maxSlotsUsed, long sendingQueue,
                            long pendingQueue) {
    }

    /**
     * Reads and parses {@code file} a few pages at a time through {@code buffer} (one per
     * collector; not thread-safe).
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws MalformedException  when its content is not in the format above
     * @throws IOException         when it cannot be read
     */
    public static MountStats read(Path file, ProcFile buffer) throws IOException {
        Parser p = new Parser();
        ReadStatus status = buffer.readLines(file, p);
        switch (status) {
            case OK:
                return p.finish();
            case GONE:
                throw new NoSuchFileException(file.toString());
            default:
                throw new IOException("cannot read " + file + ": " + status.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Parses the first {@code len} bytes of a whole file. */
    public static MountStats parse(byte[] b, int len) throws MalformedException {
        Parser p = new Parser();
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                p.line(b, start, i, true);
                start = i + 1;
            }
        }
        if (start < len) {
            p.line(b, start, len, false);
        }
        return p.finish();
    }

    /**
     * The state machine over lines: outside a mount's statistics, in their header (up to
     * {@code per-op} or an empty line), in the per-op lines (up to an empty line), as procfs's
     * parser reads them. The first problem is kept and the rest of the file ignored.
     */
    private static final class Parser implements ProcFile.LineSink {
        private enum State { OUTSIDE, HEADER, PER_OP }

        private State state = State.OUTSIDE;
        private int mounts;
        private final List<NfsMount> nfs = new ArrayList<>();
        private String error;

        // the current line's fields
        private byte[] b;
        private int[] from = new int[32];
        private int[] to = new int[32];
        private int n;
        private boolean badNumber;

        // the NFS mount being read
        private int index;
        private String device;
        private String mountPoint;
        private String fsType;
        private String statVersion;
        private long age;
        private long[] bytes;
        private long[] events;
        private List<Operation> ops;
        private List<Transport> transports;

        @Override
        public void line(byte[] buf, int start, int end, boolean complete) {
            if (error != null) {
                return;
            }
            b = buf;
            split(start, end);
            switch (state) {
                case OUTSIDE -> {
                    if (n > 0 && is(0, "device")) {
                        device();
                    }
                }
                case HEADER -> header();
                default -> perOp();
            }
        }

        MountStats finish() throws MalformedException {
            if (error != null) {
                throw new MalformedException(error);
            }
            endMount();
            return new MountStats(mounts, List.copyOf(nfs));
        }

        private void device() {
            if (n < 8 || !is(2, "mounted") || !is(3, "on") || !is(5, "with") || !is(6, "fstype")) {
                fail("invalid device line");
                return;
            }
            int at = mounts++;
            if (n == 8) {
                return; // no statistics
            }
            String type = text(7);
            if (!type.equals("nfs") && !type.equals("nfs4")) {
                fail("cannot parse mount statistics of fstype " + type);
                return;
            }
            index = at;
            device = text(1);
            mountPoint = text(4);
            fsType = type;
            String version = text(8);
            statVersion = version.startsWith("statvers=") ? version.substring("statvers=".length()) : version;
            age = 0;
            bytes = new long[BYTES_COUNT];
            events = new long[EVENTS_COUNT];
            ops = new ArrayList<>();
            transports = new ArrayList<>(1);
            state = State.HEADER;
        }

        private void header() {
            if (n == 0) {
                state = State.PER_OP; // as procfs: the per-op lines are looked for after the blank line
                return;
            }
            if (is(0, "opts:")) {
                need(2);
            } else if (is(0, "age:")) {
                if (need(2)) {
                    long v = number(1);
                    if (badNumber || Long.compareUnsigned(v, MAX_AGE_SECONDS) > 0) {
                        fail("invalid age");
                    } else {
                        age = v;
                    }
                }
            } else if (is(0, "bytes:")) {
                if (need(2)) {
                    counters(bytes, "bytes");
                }
            } else if (is(0, "events:")) {
                if (need(2)) {
                    counters(events, "events");
                }
            } else if (is(0, "xprt:")) {
                if (n < 3) {
                    fail("incomplete transport statistics");
                } else {
                    transport();
                }
            } else if (is(0, "per-op")) {
                state = State.PER_OP;
            }
        }

        /** Go's time.Duration holds at most this many seconds; procfs fails on a longer age. */
        private static final long MAX_AGE_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

        private boolean need(int fields) {
            if (n < fields) {
                fail("incomplete NFS statistics");
                return false;
            }
            return true;
        }

        private void counters(long[] into, String what) {
            if (n - 1 != into.length) {
                fail("invalid NFS " + what + " statistics: " + (n - 1) + " values, expected " + into.length);
                return;
            }
            long[] v = new long[into.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(i + 1);
            }
            if (badNumber) {
                fail("invalid NFS " + what + " statistics");
                return;
            }
            System.arraycopy(v, 0, into, 0, v.length);
        }

        private void transport() {
            String protocol = text(1);
            int count = n - 2;
            boolean ok;
            if (statVersion.equals("1.0")) {
                ok = switch (protocol) {
                    case "tcp" -> count == 10;
                    case "udp" -> count == 7;
                    default -> false;
                };
            } else if (statVersion.equals("1.1")) {
                ok = switch (protocol) {
                    case "tcp" -> count == 13;
                    case "udp" -> count == 10;
                    case "rdma" -> count >= 20;
                    default -> false;
                };
            } else {
                fail("unrecognized NFS transport stats version " + statVersion);
                return;
            }
            if (!ok) {
                fail("invalid NFS transport statistics for " + protocol + " (statvers " + statVersion + ", "
                        + count + " values)");
                return;
            }
            long[] v = new long[count];
            for (int i = 0; i < count; i++) {
                v[i] = number(i + 2);
            }
            if (badNumber) {
                fail("invalid NFS transport statistics");
                return;
            }
            Transport t;
            if (protocol.equals("udp")) { // port bind sends recvs bad_xids req backlog [max_slots sending pending]
                t = new Transport(protocol, v[0], v[1], 0, 0, 0, v[2], v[3], v[4], v[5], v[6], at(v, 7), at(v, 8),
                        at(v, 9));
            } else if (protocol.equals("tcp")) { // port bind connect connect_time idle sends recvs bad req backlog [...]
                t = new Transport(protocol, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], at(v, 10),
                        at(v, 11), at(v, 12));
            } else { // rdma: the tcp fields without the last three, then its own counters
                t = new Transport(protocol, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], 0, 0, 0);
            }
            transports.add(t);
        }

        private static long at(long[] v, int i) {
            return i < v.length ? v[i] : 0;
        }

        private void perOp() {
            if (n == 0) {
                endMount();
                state = State.OUTSIDE;
                return;
            }
            if (n < 9) {
                fail("invalid NFS per-operation statistics");
                return;
            }
            long[] v = new long[9];
            for (int i = 1; i < n; i++) {
                long x = number(i);
                if (i <= 9) {
                    v[i - 1] = x;
                }
            }
            if (badNumber) {
                fail("invalid NFS per-operation statistics");
                return;
            }
            int nameEnd = to[0];
            if (nameEnd > from[0] && b[nameEnd - 1] == ':') {
                nameEnd--;
            }
            String name = new String(b, from[0], nameEnd - from[0], StandardCharsets.UTF_8);
            ops.add(new Operation(name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
        }

        private void endMount() {
            if (device != null) {
                nfs.add(new NfsMount(index, device, mountPoint, fsType, statVersion, age, bytes, events,
                        List.copyOf(ops), List.copyOf(transports)));
                device = null;
            }
        }

        private void fail(String message) {
            if (error == null) {
                int len = n > 0 ? Math.min(to[n - 1] - from[0], 200) : 0;
                error = message + " in line: " + new String(b, n > 0 ? from[0] : 0, len, StandardCharsets.UTF_8);
            }
        }

        /** Splits {@code b[start, end)} at ASCII white space into {@link #from}/{@link #to}. */
        private void split(int start, int end) {
            n = 0;
            badNumber = false;
            int i = start;
            while (true) {
                while (i < end && space(b[i])) {
                    i++;
                }
                if (i >= end) {
                    return;
                }
                if (n == from.length) {
                    from = Arrays.copyOf(from, n * 2);
                    to = Arrays.copyOf(to, n * 2);
                }
                from[n] = i;
                while (i < end && !space(b[i])) {
                    i++;
                }
                to[n++] = i;
            }
        }

        private static boolean space(byte c) {
            return c == ' ' || c == '\t' || c == '\r' || c == 0x0b || c == 0x0c;
        }

        private boolean is(int field, String word) {
            int len = to[field] - from[field];
            if (len != word.length()) {
                return false;
            }
            for (int k = 0; k < len; k++) {
                if (b[from[field] + k] != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private String text(int field) {
            return new String(b, from[field], to[field] - from[field], StandardCharsets.UTF_8);
        }

        /** Field {@code field} as an unsigned decimal (Go's ParseUint, base 10); sets {@link #badNumber}. */
        private long number(int field) {
            int p = from[field];
            int e = to[field];
            long v = 0;
            for (; p < e; p++) {
                int d = b[p] - '0';
                if (d < 0 || d > 9 || Long.compareUnsigned(v, MAX_DIV_10) > 0 || (v == MAX_DIV_10 && d > MAX_MOD_10)) {
                    badNumber = true;
                    return 0;
                }
                v = v * 10 + d;
            }
            return v;
        }

        private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
        private static final int MAX_MOD_10 = (int) Long.remainderUnsigned(-1L, 10);
    }
}
