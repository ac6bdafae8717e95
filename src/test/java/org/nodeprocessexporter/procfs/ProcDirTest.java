package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.sys.NativeFiles;

/** Reading through a directory handle: bound to the directory (the process) it was opened on, not to its name. */
class ProcDirTest {
    private static final ProcFile.Parser<String> TEXT = (b, len) -> new String(b, 0, len, StandardCharsets.UTF_8);

    @Test
    void aHandleKeepsReadingItsOwnDirectoryNotANewOneOfTheSameName(@TempDir Path tmp) throws Exception {
        // Linux on x86_64/aarch64, what this project runs on: without the native calls every
        // process would silently be read by path, so that fails here rather than skips
        assertThat(NativeFiles.AVAILABLE).as("NativeFiles loaded").isTrue();
        Path d = Files.createDirectory(tmp.resolve("4242"));
        Files.writeString(d.resolve("status"), "first\n");
        Files.createDirectories(d.resolve("task/4243"));
        Files.writeString(d.resolve("task/4243/schedstat"), "1 2 3\n");
        int before = ProcDir.handlesInUse();
        ProcDir dir = ProcDir.open(d);
        assertThat(dir.hasHandle()).isTrue();
        assertThat(ProcDir.handlesInUse()).isEqualTo(before + 1);
        ProcFile file = new ProcFile();
        assertThat(file.readAndParse(dir, "status", TEXT)).isEqualTo("first\n");
        assertThat(file.readAndParse(dir, "task/4243/schedstat", TEXT)).isEqualTo("1 2 3\n");
        assertThat(file.readAndParse(dir, "missing", TEXT)).isNull();
        assertThat(file.status()).isEqualTo(ReadStatus.GONE);

        // the directory goes and another takes its name, as a new process takes a reused pid
        Files.delete(d.resolve("task/4243/schedstat"));
        Files.delete(d.resolve("task/4243"));
        Files.delete(d.resolve("task"));
        Files.delete(d.resolve("status"));
        Files.delete(d);
        Files.createDirectory(d);
        Files.writeString(d.resolve("status"), "second\n");
        assertThat(file.readAndParse(dir, "status", TEXT)).isNull();
        assertThat(file.status()).isEqualTo(ReadStatus.GONE);
        assertThat(file.readAndParse(ProcDir.byPath(d), "status", TEXT)).isEqualTo("second\n");

        dir.close();
        dir.close(); // idempotent
        assertThat(dir.hasHandle()).isFalse();
        assertThat(ProcDir.handlesInUse()).isEqualTo(before);
        assertThat(file.readAndParse(dir, "status", TEXT)).isEqualTo("second\n"); // by path now
    }

    @Test
    void aProcessHandleFindsTheProcessGoneOnceItExited() throws Exception {
        // Linux on x86_64/aarch64, what this project runs on: without the native calls every
        // process would silently be read by path, so that fails here rather than skips
        assertThat(NativeFiles.AVAILABLE).as("NativeFiles loaded").isTrue();
        Process sleep = new ProcessBuilder("sleep", "60").start();
        ProcDir dir = ProcDir.open(Path.of("/proc/" + sleep.pid()));
        try {
            assertThat(dir.hasHandle()).isTrue();
            ProcFile file = new ProcFile();
            ProcStatus status = file.readAndParse(dir, "status", ProcStatus::parse);
            assertThat(status).isNotNull();
            assertThat(status.tgid()).isEqualTo((int) sleep.pid());
            assertThat(status.vmRssBytes()).isPositive();
            assertThat(file.readAndParse(dir, "task/" + sleep.pid() + "/schedstat", ProcSchedstat::parse)).isNotNull();

            sleep.destroy();
            assertThat(sleep.waitFor(10, TimeUnit.SECONDS)).isTrue(); // reaped
            assertThat(file.readAndParse(dir, "stat", ProcStat::parse)).isNull();
            assertThat(file.status()).isEqualTo(ReadStatus.GONE);
        } finally {
            sleep.destroyForcibly();
            dir.close();
        }
    }

    @Test
    void aDirectoryThatIsNotThereGetsNoHandleAndReadsAsGone(@TempDir Path tmp) {
        ProcDir dir = ProcDir.open(tmp.resolve("nothing"));
        assertThat(dir.hasHandle()).isFalse();
        ProcFile file = new ProcFile();
        assertThat(file.readAndParse(dir, "status", TEXT)).isNull();
        assertThat(file.status()).isEqualTo(ReadStatus.GONE);
    }
}
