package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** io, limits, smaps_rollup, schedstat and auxv. */
class SmallFilesTest {

    private static byte[] b(String fixture) {
        return Fixtures.bytes(fixture);
    }

    @Test
    void io() {
        byte[] b = b("proc/5371/io");
        assertThat(ProcIo.parse(b, b.length)).isEqualTo(new ProcIo(12333631, 58470, 7887, 130, 0, 200704, 266240));
        byte[] k = b("proc/2/io");
        assertThat(ProcIo.parse(k, k.length)).isEqualTo(new ProcIo(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void ioReadThroughProcRoot() {
        ProcFile f = new ProcFile();
        assertThat(ProcIo.read(f, ProcPaths.pidDir(Fixtures.procRoot(), 5423)))
                .isEqualTo(new ProcIo(232300, 3610, 366, 10, 192512, 40960, 0));
        // pid 1's io was unreadable at capture time, so the file is absent: GONE, not an exception
        assertThat(ProcIo.read(f, ProcPaths.pidDir(Fixtures.procRoot(), 1))).isNull();
        assertThat(f.status()).isEqualTo(ReadStatus.GONE);
    }

    @Test
    void schedstat() {
        byte[] b = b("proc/1/task/60/schedstat");
        assertThat(ProcSchedstat.parse(b, b.length)).isEqualTo(new ProcSchedstat(881703372L, 1391337798L, 15507));
        assertThat(ProcSchedstat.read(new ProcFile(), ProcPaths.taskDir(Fixtures.procRoot(), 5371, 5393)))
                .isEqualTo(new ProcSchedstat(51674, 0, 1));
        byte[] off = "0 0 0\n".getBytes();
        assertThat(ProcSchedstat.parse(off, off.length)).isEqualTo(new ProcSchedstat(0, 0, 0));
        byte[] later = "5 6 7 8\n".getBytes();
        assertThat(ProcSchedstat.parse(later, later.length)).isEqualTo(new ProcSchedstat(5, 6, 7));
        for (String bad : new String[] {"", "5 6 7", "5 6\n", "5 6 x\n", "-5 6 7\n", "5,6,7\n"}) {
            byte[] x = bad.getBytes();
            assertThat(ProcSchedstat.parse(x, x.length)).as(bad).isNull();
        }
    }

    @Test
    void limits() {
        byte[] b = b("proc/5423/limits");
        assertThat(ProcLimits.parse(b, b.length)).isEqualTo(new ProcLimits(20000, 20000, 96365, 96365));
        byte[] one = b("proc/1/limits");
        assertThat(ProcLimits.parse(one, one.length).openFilesSoft()).isEqualTo(32768);
        byte[] u = b("handmade/limits-unlimited");
        ProcLimits l = ProcLimits.parse(u, u.length);
        assertThat(l.openFilesSoft()).isEqualTo(ProcLimits.UNLIMITED);
        assertThat(ProcLimits.isUnlimited(l.openFilesHard())).isTrue();
        assertThat(l.processesSoft()).isEqualTo(96365);
    }

    @Test
    void smapsRollupInBytes() {
        byte[] b = b("proc/5371/smaps_rollup");
        assertThat(SmapsRollup.parse(b, b.length)).isEqualTo(new SmapsRollup(193440L * 1024, 191756L * 1024, 0, 0));
        byte[] s = b("proc/5423/smaps_rollup");
        assertThat(SmapsRollup.parse(s, s.length)).isEqualTo(new SmapsRollup(1564L * 1024, 361L * 1024, 0, 0));
        assertThat(SmapsRollup.parse(new byte[0], 0)).isSameAs(SmapsRollup.NO_MM);
    }

    @Test
    void smapsSwapLinesAreNotConfusedWithEachOther() {
        byte[] b = ("Rss: 8 kB\nPss: 4 kB\nPss_Dirty: 99 kB\nSwap: 2 kB\nSwapPss: 1 kB\n").getBytes();
        assertThat(SmapsRollup.parse(b, b.length)).isEqualTo(new SmapsRollup(8192, 4096, 2048, 1024));
    }

    @Test
    void auxvFromCapturedFixtureAndLive() {
        SystemConstants captured = SystemConstants.read(Fixtures.procRoot());
        assertThat(captured).isEqualTo(new SystemConstants(100, 4096, true));
        SystemConstants live = SystemConstants.read(java.nio.file.Path.of("/proc"));
        assertThat(live.fromAuxv()).isTrue();
        assertThat(live.clockTicksPerSecond()).isPositive();
        assertThat(Long.bitCount(live.pageSizeBytes())).isEqualTo(1);
    }

    @Test
    void auxvFallbackWhenMissingOrTruncated() {
        assertThat(SystemConstants.read(Fixtures.path("handmade"))).isEqualTo(new SystemConstants(100, 4096, false));
        byte[] onlyPage = {6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 17, 0, 0, 0};
        assertThat(SystemConstants.parseAuxv(onlyPage, onlyPage.length, java.nio.ByteOrder.LITTLE_ENDIAN, 8))
                .isEqualTo(new SystemConstants(100, 65536, false));
        byte[] be = {0, 0, 0, 17, 0, 0, 0, (byte) 250, 0, 0, 0, 6, 0, 0, 0x40, 0};
        assertThat(SystemConstants.parseAuxv(be, be.length, java.nio.ByteOrder.BIG_ENDIAN, 4))
                .isEqualTo(new SystemConstants(250, 16384, true));
    }
}
