package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc/cgroups, /proc/drbd, /proc/net/stat/*, /proc/net/xfrm_stat, sysctls, and Go's integer syntax. */
class ProcMiscReadersTest {

    @Test
    void cgroupsSkipsTheHeaderAndReadsEveryController() throws Exception {
        List<CgroupSummary> all = CgroupSummary.read(Fixtures.procRoot());
        assertThat(all).hasSize(12).contains(new CgroupSummary("net_cls", 0, 2, 1));
        assertThat(CgroupSummary.parse("#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t1\t+7\t0\n"))
                .containsExactly(new CgroupSummary("cpu", 1, 7, 0));
    }

    @Test
    void cgroupsLineWithTooFewFieldsOrAWordIsMalformed() {
        assertThatThrownBy(() -> CgroupSummary.parse("cpu 1 2\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("4+ fields");
        assertThatThrownBy(() -> CgroupSummary.parse("cpu 1 two 1\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> CgroupSummary.parse("cpu 1 1 1\n\nmemory 2 2 1\n")).isInstanceOf(IOException.class);
    }

    @Test
    void drbdWordsBelongToTheLastDeviceHeader() throws Exception {
        List<DrbdStatus.Field> f = DrbdStatus.read(Fixtures.procRoot());
        assertThat(f).filteredOn(x -> x.key().equals("cs")).extracting(DrbdStatus.Field::device, DrbdStatus.Field::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("drbd0", "Connected"),
                        org.assertj.core.groups.Tuple.tuple("drbd1", "SyncSource"),
                        org.assertj.core.groups.Tuple.tuple("drbd2", "Unconfigured"));
        assertThat(f).contains(new DrbdStatus.Field("drbd1", "oos", "1048576"),
                new DrbdStatus.Field("unknown", "version", ""), new DrbdStatus.Field("drbd1", "finish", ""));
        // 05:13:52 and (api:1/proto:86-101) have two colons: not key:value words
        assertThat(DrbdStatus.parse("build by x, 2015-04-10 05:13:52 (api:1/proto:86-101)\n")).isEmpty();
        assertThat(DrbdStatus.parse("007: cs:Connected\n")).containsExactly(new DrbdStatus.Field("drbd7", "cs", "Connected"));
        assertThat(DrbdStatus.parse("+1: cs:WFConnection\n")).containsExactly(new DrbdStatus.Field("unknown", "+1", ""),
                new DrbdStatus.Field("unknown", "cs", "WFConnection"));
    }

    @Test
    void netStatColumnsHoldOneValuePerCpuLine() throws Exception {
        List<NetStatCaches.Table> tables = NetStatCaches.read(Fixtures.procRoot());
        assertThat(tables).extracting(NetStatCaches.Table::name)
                .containsExactly("arp_cache", "ndisc_cache", "nf_conntrack", "rt_cache", "synproxy");
        NetStatCaches.Table t = NetStatCaches.parse("x", "entries  hits\n0000000a 000000ff\n0000000a ffffffffffffffff\n");
        assertThat(t.columns().keySet()).containsExactly("entries", "hits");
        assertThat(t.columns().get("entries")).containsExactly(10, 10);
        assertThat(t.columns().get("hits")).containsExactly(255, -1);
        // a short line leaves the later columns with fewer values, as upstream's appends do
        assertThat(NetStatCaches.parse("x", "a b\n1\n2 3\n").columns().get("b")).containsExactly(3);
        assertThat(NetStatCaches.parse("x", "a a\n1 2\n").columns().get("a")).containsExactly(1, 2);
        assertThat(NetStatCaches.parse("x", "").columns()).isEmpty();
    }

    @Test
    void netStatRejectsExtraCountersAndNonHex() {
        assertThatThrownBy(() -> NetStatCaches.parse("x", "a\n1 2\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> NetStatCaches.parse("x", "a\n0x1\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> NetStatCaches.parse("x", "a\n+1\n")).isInstanceOf(IOException.class);
    }

    @Test
    void netStatWithoutTheDirectoryIsEmpty(@TempDir Path proc) throws Exception {
        assertThat(NetStatCaches.read(proc)).isEmpty();
    }

    @Test
    void xfrmReadsNamesAndValuesAndZeroForAbsentOnes() throws Exception {
        XfrmStat s = XfrmStat.parse("XfrmInError\t3\nXfrmOutNoStates  \t42\nXfrmFutureCounter 7\n");
        assertThat(s.get("XfrmInError")).isEqualTo(3);
        assertThat(s.get("XfrmOutNoStates")).isEqualTo(42);
        assertThat(s.get("XfrmAcquireError")).isZero();
        assertThat(XfrmStat.read(Fixtures.procRoot()).counters()).containsKey("XfrmAcquireError");
        assertThatThrownBy(() -> XfrmStat.parse("XfrmInError 1 2\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> XfrmStat.parse("XfrmInError one\n")).isInstanceOf(IOException.class);
    }

    @Test
    void sysctlNamesAreDottedPathsAndValuesSplitOnWhitespace() throws Exception {
        assertThat(SysctlValue.integers(Fixtures.procRoot(), "net.ipv4.tcp_rmem")).hasSize(3);
        assertThat(SysctlValue.strings(Fixtures.procRoot(), "kernel.seccomp.actions_avail")).contains("allow");
        assertThatThrownBy(() -> SysctlValue.integers(Fixtures.procRoot(), "kernel.seccomp.actions_avail"))
                .isInstanceOf(IOException.class).hasMessageContaining("field 0 in sysctl kernel.seccomp.actions_avail");
        assertThatThrownBy(() -> SysctlValue.strings(Fixtures.procRoot(), "kernel.nope"))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shortReadStopsAt128BytesAndTrims(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("long");
        Files.writeString(f, "  " + "x".repeat(200) + "\n");
        assertThat(ShortRead.read(f)).isEqualTo("x".repeat(126));
        Files.writeString(f, "\t8.0 GT/s PCIe\n");
        assertThat(ShortRead.read(f)).isEqualTo("8.0 GT/s PCIe");
        assertThat(ShortRead.readOrNull(dir.resolve("missing"))).isNull();
        assertThatThrownBy(() -> ShortRead.read(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> ShortRead.read(dir)).isInstanceOf(ShortRead.Failure.class)
                .satisfies(e -> assertThat(((ShortRead.Failure) e).errno()).isEqualTo(21)); // EISDIR
    }

    @Test
    void goIntegerSyntax() {
        Map<String, Long> ok = Map.ofEntries(Map.entry("0", 0L), Map.entry("42", 42L), Map.entry("-42", -42L),
                Map.entry("+42", 42L), Map.entry("0x1F", 31L), Map.entry("0X1f", 31L), Map.entry("010", 8L),
                Map.entry("0o17", 15L), Map.entry("0b101", 5L), Map.entry("1_000", 1000L), Map.entry("0x_ff", 255L),
                Map.entry("-9223372036854775808", Long.MIN_VALUE), Map.entry("9223372036854775807", Long.MAX_VALUE));
        ok.forEach((s, v) -> assertThat(GoNumbers.parseInt(s, 0, 64)).as(s).isEqualTo(v));
        for (String bad : List.of("", "-", "08", "0x", "1__0", "_1", "1_", "9223372036854775808",
                "-9223372036854775809", "1e3", " 1", "\u0663", "0x1g")) {
            assertThatThrownBy(() -> GoNumbers.parseInt(bad, 0, 64)).as(bad).isInstanceOf(NumberFormatException.class);
        }
        assertThat(GoNumbers.parseUint("ffffffffffffffff", 16, 64)).isEqualTo(-1L);
        assertThatThrownBy(() -> GoNumbers.parseUint("10000000000000000", 16, 64)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> GoNumbers.parseUint("0x10", 16, 64)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> GoNumbers.parseUint("1_0", 10, 64)).isInstanceOf(NumberFormatException.class);
        assertThat(GoNumbers.parseInt("0xffffff00", 0, 64)).isEqualTo(0xffffff00L);
        assertThatThrownBy(() -> GoNumbers.parseInt("0x80000000", 0, 32)).isInstanceOf(NumberFormatException.class);
        assertThat(GoNumbers.parseInt("-0x80000000", 0, 32)).isEqualTo(Integer.MIN_VALUE);
        assertThat(GoNumbers.parseUint("4294967295", 10, 32)).isEqualTo(4294967295L);
        assertThatThrownBy(() -> GoNumbers.parseUint("4294967296", 10, 32)).isInstanceOf(NumberFormatException.class);
    }

    @Property(tries = 500)
    void anyDecimalLongParsesBack(@ForAll long v) {
        assertThat(GoNumbers.parseInt(Long.toString(v), 0, 64)).isEqualTo(v);
        assertThat(GoNumbers.parseInt(Long.toString(v), 10, 64)).isEqualTo(v);
        assertThat(GoNumbers.parseUint(Long.toHexString(v), 16, 64)).isEqualTo(v);
        long a = v == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(v);
        assertThat(GoNumbers.parseInt((v < 0 ? "-0x" : "0x") + Long.toHexString(a), 0, 64)).isEqualTo(v < 0 ? -a : a);
    }

    /** The fixture files these readers parse, each with its parser. */
    record Case(String file, Parser parser) {
        @Override
        public String toString() {
            return file;
        }
    }

    @FunctionalInterface
    interface Parser {
        void parse(String text) throws IOException;
    }

    @Provide
    Arbitrary<Case> files() {
        return Arbitraries.of(new Case("proc/cgroups", CgroupSummary::parse), new Case("proc/drbd", DrbdStatus::parse),
                new Case("proc/net/stat/arp_cache", t -> NetStatCaches.parse("arp_cache", t)),
                new Case("proc/net/stat/rt_cache", t -> NetStatCaches.parse("rt_cache", t)),
                new Case("proc/net/stat/synproxy", t -> NetStatCaches.parse("synproxy", t)),
                new Case("proc/net/xfrm_stat", XfrmStat::parse));
    }

    @Property(tries = 1000)
    void truncatedOrGarbledFilesParseOrAreMalformedButNeverThrowOtherwise(@ForAll("files") Case c,
                                                                          @ForAll double where, @ForAll char value) {
        String text = new String(Fixtures.bytes(c.file()), StandardCharsets.UTF_8);
        int at = (int) (Math.abs(where) % 1.0 * text.length());
        parsesOrIsMalformed(c, text.substring(0, at));
        parsesOrIsMalformed(c, text.substring(0, at) + value + text.substring(Math.min(at + 1, text.length())));
    }

    @Property(tries = 300)
    void arbitraryTextNeverThrowsButMalformed(@ForAll("files") Case c, @ForAll String junk) {
        parsesOrIsMalformed(c, junk);
    }

    private static void parsesOrIsMalformed(Case c, String text) {
        try {
            c.parser().parse(text);
        } catch (IOException expected) {
            // malformed: the documented outcome
        }
    }

    @Property(tries = 500)
    void aTruncatedCgroupsFileIsAPrefixOfTheWholeOrMalformed(@ForAll double where) throws IOException {
        String text = new String(Fixtures.bytes("proc/cgroups"), StandardCharsets.UTF_8);
        List<CgroupSummary> whole = CgroupSummary.parse(text);
        int at = (int) (Math.abs(where) % 1.0 * text.length());
        try {
            List<CgroupSummary> cut = CgroupSummary.parse(text.substring(0, at));
            // the last line may be cut inside its last number: all but it equal the whole file's
            assertThat(whole.subList(0, Math.max(0, cut.size() - 1))).isEqualTo(cut.subList(0, Math.max(0, cut.size() - 1)));
        } catch (IOException malformed) {
            // a line cut before its fourth field
        }
    }
}
