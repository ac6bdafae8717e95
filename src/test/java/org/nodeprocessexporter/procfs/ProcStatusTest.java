package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static ProcStatus parse(String fixture) {
        byte[] b = Fixtures.bytes(fixture);
        return ProcStatus.parse(b, b.length);
    }

    @Test
    void capturedProcess() {
        assertThat(parse("proc/5423/status")).isEqualTo(new ProcStatus('R', 5423, 5418, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 1, 16, 1, 2592 * 1024L, 1564 * 1024L));
        assertThat(parse("proc/5371/status")).isEqualTo(new ProcStatus('S', 5371, 5366, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 21, 25, 1, 8977064 * 1024L, 193232 * 1024L));
    }

    @Test
    void capturedThreadStatusHasItsOwnContextSwitches() {
        ProcStatus s = parse("proc/5371/task/5393/status");
        assertThat(s.tgid()).isEqualTo(5371);
        assertThat(s.state()).isEqualTo('R');
        assertThat(s.voluntaryCtxtSwitches()).isEqualTo(464);
        assertThat(s.nonvoluntaryCtxtSwitches()).isEqualTo(2529);
    }

    @Test
    void kernelThreadHasNoVmSwap() {
        assertThat(parse("proc/2/status")).isEqualTo(new ProcStatus('S', 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                ProcStatus.ABSENT, 1, 58, 0, ProcStatus.ABSENT, ProcStatus.ABSENT));
    }

    @Test
    void idColumnsInOrderAndSwapInBytes() {
        ProcStatus s = parse("handmade/status-distinct-ids");
        assertThat(s.uidReal()).isEqualTo(1000);
        assertThat(s.uidEffective()).isEqualTo(1001);
        assertThat(s.uidSaved()).isEqualTo(1002);
        assertThat(s.uidFs()).isEqualTo(1003);
        assertThat(s.gidReal()).isEqualTo(2000);
        assertThat(s.gidEffective()).isEqualTo(2001);
        assertThat(s.gidSaved()).isEqualTo(2002);
        assertThat(s.gidFs()).isEqualTo(4294967295L);
        assertThat(s.vmSwapBytes()).isEqualTo(1234 * 1024L);
    }

    @Test
    void readThroughProcRoot() {
        ProcFile f = new ProcFile();
        ProcStatus s = ProcStatus.read(f, ProcPaths.pidDir(Fixtures.procRoot(), 5423));
        assertThat(f.status()).isEqualTo(ReadStatus.OK);
        assertThat(s.ppid()).isEqualTo(5418);
    }

    @Test
    void missingRequiredLineOrBadNumberIsMalformed() {
        byte[] b = "State:\tS (sleeping)\nTgid:\t1\nPPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1\n".getBytes();
        assertThat(ProcStatus.parse(b, b.length)).isNull();
        byte[] c = ("State:\tS (sleeping)\nTgid:\tx1\nPPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1\n"
                + "voluntary_ctxt_switches:\t1\nnonvoluntary_ctxt_switches:\t2\n").getBytes();
        assertThat(ProcStatus.parse(c, c.length)).isNull();
        byte[] ok = new String(c).replace("x1", "1").getBytes();
        assertThat(ProcStatus.parse(ok, ok.length)).isNotNull();
    }
}
