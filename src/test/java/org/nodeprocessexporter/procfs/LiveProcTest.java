package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Against this machine's real /proc. */
class LiveProcTest {
    private static final Path PROC = Path.of("/proc");
    private static final int SELF = (int) ProcessHandle.current().pid();

    @Test
    void ownStatStatusIoLimitsAndSmaps() {
        ProcFile f = new ProcFile();
        Path dir = ProcPaths.pidDir(PROC, SELF);
        ProcStat stat = ProcStat.read(f, dir);
        assertThat(stat.pid()).isEqualTo(SELF);
        assertThat(stat.numThreads()).isGreaterThan(1);
        assertThat(stat.rss()).isPositive();
        ProcStatus status = ProcStatus.read(f, dir);
        assertThat(status.tgid()).isEqualTo(SELF);
        assertThat(status.ppid()).isEqualTo(stat.ppid());
        assertThat(status.vmSwapBytes()).isNotNegative();
        assertThat(ProcIo.read(f, dir).rchar()).isPositive();
        assertThat(ProcLimits.read(f, dir).openFilesSoft()).isPositive();
        SmapsRollup smaps = SmapsRollup.read(f, dir);
        assertThat(smaps.rssBytes()).isPositive();
        assertThat(smaps.pssBytes()).isPositive();
    }

    @Test
    void childProcessHasUsAsParentAndIsGoneAfterReaping() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ProcFile f = new ProcFile();
            Path dir = ProcPaths.pidDir(PROC, (int) child.pid());
            ProcStat stat = ProcStat.read(f, dir);
            assertThat(stat.pid()).isEqualTo((int) child.pid());
            assertThat(stat.ppid()).isEqualTo(SELF);
            assertThat(ProcStatus.read(f, dir).ppid()).isEqualTo(SELF);
            child.destroy();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcStat.read(f, dir)).isNull();
            assertThat(f.status()).isEqualTo(ReadStatus.GONE);
            FdTable fds = new FdTable();
            assertThat(fds.scan(ProcPaths.fdDir(dir))).isEqualTo(ReadStatus.GONE);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void threadsOfThisJvmHaveTaskStats() throws IOException {
        ProcFile f = new ProcFile();
        int seen = 0;
        try (var tasks = Files.newDirectoryStream(PROC.resolve(Integer.toString(SELF)).resolve("task"))) {
            for (Path task : tasks) {
                ProcStat s = ProcStat.read(f, task);
                if (s != null) {
                    assertThat(s.pid()).isEqualTo(Integer.parseInt(task.getFileName().toString()));
                    ProcStatus st = ProcStatus.read(f, task);
                    assertThat(st == null || st.tgid() == SELF).isTrue();
                    seen++;
                }
            }
        }
        assertThat(seen).isGreaterThan(1);
    }

    @Test
    void listeningServerSocketIsFoundThroughFdTableAndNetTables() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            int port = server.getLocalPort();
            Path self = ProcPaths.pidDir(PROC, SELF);
            FdTable fds = new FdTable();
            assertThat(fds.scan(ProcPaths.fdDir(self))).isEqualTo(ReadStatus.OK);
            assertThat(fds.socketCount()).isPositive();
            assertThat(fds.openFds()).isGreaterThan(fds.socketCount());

            ProcFile f = new ProcFile();
            boolean found = false;
            for (String name : new String[] {"tcp", "tcp6"}) {
                SocketTable t = new SocketTable(name.endsWith("6"));
                assertThat(t.read(f, ProcPaths.netFile(self, name))).isEqualTo(ReadStatus.OK);
                assertThat(t.malformedLines()).isZero();
                for (int i = 0; i < fds.socketCount(); i++) {
                    int row = t.rowOfInode(fds.socketInode(i));
                    if (row >= 0 && t.localPort(row) == port) {
                        assertThat(t.state(row)).isEqualTo(10);
                        assertThat(t.localEndpoint(row)).endsWith(":" + port);
                        found = true;
                    }
                }
            }
            assertThat(found).as("socket of port %d in net/tcp or net/tcp6", port).isTrue();
        }
    }

    @Test
    void fdCountFastPathAgreesWithTheScan() {
        FdTable fds = new FdTable();
        Path fdDir = ProcPaths.fdDir(ProcPaths.pidDir(PROC, SELF));
        // other threads of this JVM (cleaners closing an earlier test's pipes) may open or close a
        // descriptor meanwhile: compare only when the count is the same before and after the scan
        for (int attempt = 0; ; attempt++) {
            assertThat(fds.count(fdDir)).isEqualTo(ReadStatus.OK);
            int counted = fds.openFds();
            assertThat(fds.scan(fdDir)).isEqualTo(ReadStatus.OK);
            int scanned = fds.openFds();
            assertThat(fds.count(fdDir)).isEqualTo(ReadStatus.OK);
            if (fds.openFds() != counted && attempt < 10) {
                continue;
            }
            // while listing its own fd directory the scan holds two extra descriptors: the JDK's
            // SecureDirectoryStream opens the directory and dup()s it for fdopendir()
            assertThat(scanned - counted).isEqualTo(2);
            break;
        }
    }

    @Test
    void smapsRollupOfKernelThreadIsEsrchAlthoughItLives() {
        Path kthreadd = ProcPaths.pidDir(PROC, 2);
        ProcFile f = new ProcFile();
        ProcStat s = ProcStat.read(f, kthreadd);
        assumeTrue(s != null && s.comm().equals("kthreadd"), "pid 2 is kthreadd");
        assertThat(SmapsRollup.read(f, kthreadd)).isNull();
        assertThat(f.status()).isEqualTo(ReadStatus.GONE);
        assertThat(ProcStatus.read(f, kthreadd).vmSwapBytes()).isEqualTo(ProcStatus.ABSENT);
    }
}
