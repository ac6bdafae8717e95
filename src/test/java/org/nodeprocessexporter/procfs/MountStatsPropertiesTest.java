package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nodeprocessexporter.procfs.MountStats.MalformedException;
import org.nodeprocessexporter.procfs.MountStats.NfsMount;
import org.nodeprocessexporter.procfs.MountStats.Operation;
import org.nodeprocessexporter.procfs.MountStats.Transport;

/**
 * Random mounts printed the way the kernel prints them parse back to what was printed; the
 * fixtures cut anywhere parse to a prefix of themselves or to "malformed"; garbled and arbitrary
 * bytes throw nothing but {@link MalformedException}.
 */
class MountStatsPropertiesTest {
    private static final String[] FIXTURES = {"proc/self/mountstats", "handmade/mountstats-1.5"};

    /** Counters over the whole unsigned range, small ones more often. */
    private static Arbitrary<Long> counter() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 100_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs()));
    }

    private static Arbitrary<long[]> counters(int n) {
        return counter().array(long[].class).ofSize(n);
    }

    private static Arbitrary<String> token() {
        return Arbitraries.strings().withChars("abcXYZ019:/._-\\").ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<Transport> transport(String statVersion) {
        Arbitrary<String> protocols = statVersion.equals("1.0") ? Arbitraries.of("tcp", "udp")
                : Arbitraries.of("tcp", "udp", "rdma");
        return Combinators.combine(protocols, counters(13)).as((p, v) -> switch (p) {
            case "udp" -> new Transport(p, v[0], v[1], 0, 0, 0, v[5], v[6], v[7], v[8], v[9],
                    statVersion.equals("1.1") ? v[10] : 0, statVersion.equals("1.1") ? v[11] : 0,
                    statVersion.equals("1.1") ? v[12] : 0);
            case "tcp" -> statVersion.equals("1.1")
                    ? new Transport(p, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12])
                    : new Transport(p, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], 0, 0, 0);
            default -> new Transport(p, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], 0, 0, 0);
        });
    }

    private static Arbitrary<Operation> operation(boolean withErrors) {
        return Combinators.combine(Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12),
                counters(9)).as((name, v) -> new Operation(name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                withErrors ? v[8] : 0));
    }

    private static Arbitrary<NfsMount> nfsMount() {
        return Arbitraries.of("1.0", "1.1").flatMap(version -> Combinators.combine(
                token(), token(), Arbitraries.of("nfs", "nfs4"), Arbitraries.longs().between(0, 9223372036L),
                counters(8), counters(27), operation(version.equals("1.1")).list().ofMaxSize(6),
                transport(version).list().ofMaxSize(3))
                .as((dev, mp, type, age, bytes, events, ops, xprts) ->
                        new NfsMount(0, dev, mp, type, version, age, bytes, events, ops, xprts)));
    }

    /** A file of plain and NFS mounts (indexes set by position) and its text. */
    record File(List<NfsMount> nfs, int mounts, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    @Provide
    Arbitrary<File> files() {
        Arbitrary<Object> entry = Arbitraries.oneOf(nfsMount().map(m -> (Object) m),
                token().map(t -> (Object) ("device " + t + " mounted on /" + t + " with fstype tmpfs\n")));
        return entry.list().ofMaxSize(6).map(entries -> {
            StringBuilder sb = new StringBuilder();
            List<NfsMount> nfs = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof NfsMount m) {
                    NfsMount placed = new NfsMount(i, m.device(), m.mountPoint(), m.fsType(), m.statVersion(),
                            m.ageSeconds(), m.bytes(), m.events(), m.operations(), m.transports());
                    nfs.add(placed);
                    print(placed, sb);
                } else {
                    sb.append(entries.get(i));
                }
            }
            return new File(nfs, entries.size(), sb.toString());
        });
    }

    /** As fs/nfs/super.c and net/sunrpc print a mount, trailing spaces included. */
    private static void print(NfsMount m, StringBuilder sb) {
        sb.append("device ").append(m.device()).append(" mounted on ").append(m.mountPoint()).append(" with fstype ")
                .append(m.fsType()).append(" statvers=").append(m.statVersion()).append('\n');
        sb.append("\topts:\trw,vers=3,hard,proto=tcp\n\tage:\t").append(m.ageSeconds()).append('\n');
        sb.append("\tcaps:\tcaps=0x3fef,wtmult=4096\n\tsec:\tflavor=1,pseudoflavor=1\n\tevents:\t");
        for (long e : m.events()) {
            sb.append(Long.toUnsignedString(e)).append(' ');
        }
        sb.append("\n\tbytes:\t");
        for (long b : m.bytes()) {
            sb.append(Long.toUnsignedString(b)).append(' ');
        }
        sb.append("\n\tRPC iostats version: ").append(m.statVersion()).append("  p/v: 100003/3 (nfs)\n");
        boolean v11 = m.statVersion().equals("1.1");
        for (Transport t : m.transports()) {
            sb.append("\txprt:\t").append(t.protocol());
            long[] v = switch (t.protocol()) {
                case "udp" -> v11 ? new long[] {t.port(), t.bind(), t.sends(), t.receives(), t.badTransactionIds(),
                    t.activeRequests(), t.backlog(), t.maxSlotsUsed(), t.sendingQueue(), t.pendingQueue()}
                    : new long[] {t.port(), t.bind(), t.sends(), t.receives(), t.badTransactionIds(),
                        t.activeRequests(), t.backlog()};
                case "tcp" -> v11 ? new long[] {t.port(), t.bind(), t.connect(), t.connectIdleTime(),
                    t.idleTimeSeconds(), t.sends(), t.receives(), t.badTransactionIds(), t.activeRequests(),
                    t.backlog(), t.maxSlotsUsed(), t.sendingQueue(), t.pendingQueue()}
                    : new long[] {t.port(), t.bind(), t.connect(), t.connectIdleTime(), t.idleTimeSeconds(),
                        t.sends(), t.receives(), t.badTransactionIds(), t.activeRequests(), t.backlog()};
                default -> new long[] {t.port(), t.bind(), t.connect(), t.connectIdleTime(), t.idleTimeSeconds(),
                    t.sends(), t.receives(), t.badTransactionIds(), t.activeRequests(), t.backlog(),
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
            };
            for (long x : v) {
                sb.append(' ').append(Long.toUnsignedString(x));
            }
            sb.append('\n');
        }
        sb.append("\tper-op statistics\n");
        for (Operation op : m.operations()) {
            sb.append(String.format("\t%12s: %s %s %s %s %s %s %s %s", op.name(), u(op.requests()),
                    u(op.transmissions()), u(op.majorTimeouts()), u(op.bytesSent()), u(op.bytesReceived()),
                    u(op.queueMilliseconds()), u(op.responseMilliseconds()), u(op.requestMilliseconds())));
            if (v11) {
                sb.append(' ').append(u(op.errors()));
            }
            sb.append('\n');
        }
        sb.append('\n');
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private static MountStats parse(byte[] b, int len) {
        try {
            return MountStats.parse(b, len);
        } catch (MalformedException e) {
            return null;
        }
    }

    @Property(tries = 200)
    void printedMountsParseBackToThemselves(@ForAll("files") File f) throws Exception {
        byte[] b = f.text().getBytes(StandardCharsets.UTF_8);
        MountStats s = MountStats.parse(b, b.length);
        assertThat(s.mounts()).isEqualTo(f.mounts());
        assertThat(s.nfsMounts()).isEqualTo(f.nfs());
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Property(tries = 500)
    void aCutFileIsAPrefixOfTheWholeOrMalformed(@ForAll("fixtures") String fixture, @ForAll double where) {
        byte[] b = Fixtures.bytes(fixture);
        MountStats whole = parse(b, b.length);
        assertThat(whole).isNotNull();
        int len = (int) (Math.abs(where) % 1.0 * b.length);
        MountStats cut = parse(b, len);
        if (cut == null) {
            return;
        }
        assertThat(cut.mounts()).isLessThanOrEqualTo(whole.mounts());
        List<NfsMount> mounts = cut.nfsMounts();
        assertThat(mounts.size()).isLessThanOrEqualTo(whole.nfsMounts().size());
        // every mount but the last one the cut went through is whole
        for (int i = 0; i < mounts.size() - 1; i++) {
            assertThat(mounts.get(i)).isEqualTo(whole.nfsMounts().get(i));
        }
    }

    @Property(tries = 500)
    void aGarbledFileThrowsNothingButMalformed(@ForAll("fixtures") String fixture, @ForAll int where,
                                              @ForAll byte value) {
        byte[] b = Fixtures.bytes(fixture);
        b[Math.floorMod(where, b.length)] = value;
        parse(b, b.length);
        parse(b, Math.floorMod(where, b.length));
    }

    @Provide
    Arbitrary<byte[]> junk() {
        // bytes drawn mostly from the file's own alphabet, so that the parser gets past its first checks
        Arbitrary<String> words = Arbitraries.of("device", "mounted", "on", "with", "fstype", "nfs", "nfs4",
                "statvers=1.1", "statvers=1.0", "opts:", "age:", "bytes:", "events:", "xprt:", "tcp", "udp", "rdma",
                "per-op", "statistics", "READ:", "0", "7", "18446744073709551615", "18446744073709551616", " ", " ",
                "\t", "\n", "\n", "\n\n");
        Arbitrary<byte[]> text = words.list().ofMaxSize(400)
                .map(w -> String.join(" ", w).getBytes(StandardCharsets.US_ASCII));
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(400), text);
    }

    @Property(tries = 1000)
    void arbitraryBytesThrowNothingButMalformed(@ForAll("junk") byte[] junk) {
        parse(junk, junk.length);
    }

    @Property(tries = 200)
    void fixturesWithLinesShuffledThrowNothingButMalformed(@ForAll("fixtures") String fixture,
                                                          @ForAll java.util.Random random) {
        List<String> lines = new ArrayList<>(List.of(new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8)
                .split("\n", -1)));
        for (int k = 0; k < 5; k++) { // swap, drop and repeat a few lines
            int i = random.nextInt(lines.size());
            int j = random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> java.util.Collections.swap(lines, i, j);
                case 1 -> lines.remove(i);
                default -> lines.add(j, lines.get(i));
            }
        }
        byte[] b = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        parse(b, b.length);
    }
}
