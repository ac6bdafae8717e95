package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    private static ProcStat parse(String fixture) {
        byte[] b = Fixtures.bytes(fixture);
        return ProcStat.parse(b, b.length);
    }

    @Test
    void capturedShellProcess() {
        assertThat(parse("proc/5423/stat")).isEqualTo(new ProcStat(5423, "capture-proc-fi", true, 'S', 5418,
                118, 0, 0, 0, 1, 58113, 2654208, 348));
    }

    @Test
    void capturedMultiThreadedJava() {
        assertThat(parse("proc/5371/stat")).isEqualTo(new ProcStat(5371, "java", true, 'S', 5366,
                64028, 0, 835, 53, 21, 57636, 9192513536L, 48254));
    }

    @Test
    void capturedThreadOfJava() {
        assertThat(parse("proc/5371/task/5393/stat")).isEqualTo(new ProcStat(5393, "java", true, 'R', 5366,
                31760, 0, 323, 28, 21, 57640, 9192513536L, 48318));
    }

    @Test
    void capturedKernelThreadAndInit() {
        assertThat(parse("proc/2/stat")).isEqualTo(new ProcStat(2, "kthreadd", true, 'S', 0,
                0, 0, 0, 0, 1, 30, 0, 0));
        assertThat(parse("proc/1/stat")).isEqualTo(new ProcStat(1, "process_api", true, 'S', 0,
                28924, 0, 58, 301, 13, 30, 41254912, 2843));
    }

    @Test
    void readsThroughProcRootAndTaskDir() {
        ProcFile f = new ProcFile(16); // forces growth
        ProcStat s = ProcStat.read(f, ProcPaths.taskDir(Fixtures.procRoot(), 5371, 5394));
        assertThat(f.status()).isEqualTo(ReadStatus.OK);
        assertThat(s.pid()).isEqualTo(5394);
        assertThat(s.comm()).isEqualTo("GC Thread#0"); // thread names have spaces in real life
    }

    @Test
    void commWithParenthesesAndSpacesEndsAtLastParen() {
        ProcStat s = parse("handmade/stat-comm-parens");
        assertThat(s).isEqualTo(new ProcStat(4242, "a) (b c", true, 'S', 1, 1500, 7, 123, 45, 3, 98765, 12345678, 321));
    }

    @Test
    void commWithNewline() {
        ProcStat s = parse("handmade/stat-comm-newline");
        assertThat(s.comm()).isEqualTo("line1\nline2");
        assertThat(s.pid()).isEqualTo(4243);
        assertThat(s.rss()).isEqualTo(321);
    }

    @Test
    void commWithInvalidUtf8IsReplacedAndFlagged() {
        ProcStat s = parse("handmade/stat-comm-invalid-utf8");
        assertThat(s.comm()).isEqualTo("bad\uFFFD\uFFFD\uFFFD(x");
        assertThat(s.commValidUtf8()).isFalse();
        assertThat(s.state()).isEqualTo('S');
        assertThat(s.utime()).isEqualTo(123);
    }

    @Test
    void truncatedFileIsMalformedNotAnException() {
        assertThat(parse("handmade/stat-truncated")).isNull();
        ProcFile f = new ProcFile();
        assertThat(ProcStat.read(f, Fixtures.path("handmade").resolve("nonexistent"))).isNull();
        assertThat(f.status()).isEqualTo(ReadStatus.GONE);
    }

    @Test
    void malformedStatusIsReportedInProcFile() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("stat");
        java.nio.file.Files.copy(Fixtures.path("handmade/stat-truncated"), dir.resolve("stat"));
        ProcFile f = new ProcFile();
        assertThat(ProcStat.read(f, dir)).isNull();
        assertThat(f.status()).isEqualTo(ReadStatus.MALFORMED);
    }

    // ---- properties ----

    record Line(byte[] comm, int pid, char state, int ppid, long minflt, long majflt, long utime, long stime,
                int threads, long start, long vsize, long rss, int priority) {
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((pid + " (").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(comm);
            String rest = ") " + state + " " + ppid + " 7 7 34816 -1 4194560 " + minflt + " 3 " + majflt + " 4 "
                    + utime + " " + stime + " 5 6 " + priority + " " + (priority + 20) + " " + threads + " 0 "
                    + start + " " + vsize + " " + rss
                    + " 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";
            out.writeBytes(rest.getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }

        /** offset just past the space that follows rss: from here on the parser must not care */
        int endOfRss() {
            byte[] b = bytes();
            String tail = " 18446744073709551615";
            for (int i = b.length - tail.length(); i >= 0; i--) {
                if (new String(b, i, tail.length(), StandardCharsets.ISO_8859_1).equals(tail)) {
                    return i + 1;
                }
            }
            throw new AssertionError();
        }
    }

    @Provide
    Arbitrary<byte[]> comms() {
        Arbitrary<Byte> tricky = Arbitraries.of((byte) ')', (byte) '(', (byte) ' ', (byte) '\n', (byte) 0xff,
                (byte) 0xc3, (byte) 0x80, (byte) '1');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, Arbitraries.bytes()),
                        net.jqwik.api.Tuple.of(1, tricky))
                .array(byte[].class).ofMaxSize(64);
    }

    @Provide
    Arbitrary<Line> lines() {
        Arbitrary<Long> counters = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Combinators.combine(comms(), Arbitraries.integers().between(1, Integer.MAX_VALUE),
                        Arbitraries.of('R', 'S', 'D', 'Z', 'T', 't', 'X', 'I'), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        counters, counters, counters, counters)
                .flatAs((comm, pid, st, ppid, minflt, majflt, utime, stime) -> Combinators.combine(
                                Arbitraries.integers().between(1, 100_000), counters, counters, counters,
                                Arbitraries.integers().between(-100, 39))
                        .as((threads, start, vsize, rss, prio) ->
                                new Line(comm, pid, st, ppid, minflt, majflt, utime, stime, threads, start, vsize, rss, prio)));
    }

    @Property(tries = 300)
    void anyCommParsesBack(@ForAll("lines") Line line) {
        byte[] b = line.bytes();
        ProcStat s = ProcStat.parse(b, b.length);
        assertThat(s).isNotNull();
        assertThat(s.comm()).isEqualTo(new String(line.comm(), StandardCharsets.UTF_8));
        assertThat(s.commValidUtf8()).isEqualTo(isValidUtf8(line.comm()));
        assertThat(s).isEqualTo(new ProcStat(line.pid(), s.comm(), s.commValidUtf8(), line.state(), line.ppid(),
                line.minflt(), line.majflt(), line.utime(), line.stime(), line.threads(), line.start(),
                line.vsize(), line.rss()));
    }

    @Property(tries = 300)
    void truncationYieldsTheRecordOrMalformed(@ForAll("lines") Line line, @ForAll @IntRange(min = 0, max = 400) int cut) {
        byte[] b = line.bytes();
        ProcStat full = ProcStat.parse(b, b.length);
        int len = Math.min(cut, b.length);
        ProcStat s = ProcStat.parse(b, len);
        if (len >= line.endOfRss()) {
            assertThat(s).isEqualTo(full);
        } else {
            assertThat(s).isNull();
        }
    }

    @Property(tries = 300)
    void garblingNeverThrowsAndTheTailDoesNotMatter(@ForAll("lines") Line line,
                                                    @ForAll @IntRange(min = 0, max = 400) int at, @ForAll byte value) {
        byte[] b = line.bytes();
        ProcStat full = ProcStat.parse(b, b.length);
        int i = at % b.length;
        boolean inTail = i >= line.endOfRss() && value != ')';
        b[i] = value;
        ProcStat s = ProcStat.parse(b, b.length); // must not throw
        if (inTail) {
            assertThat(s).isEqualTo(full);
        }
    }

    private static boolean isValidUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
