package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFileTest {
    @TempDir
    Path tmp;

    @Test
    void growsForBigFilesAndKeepsAllBytes() throws IOException {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Path p = Files.write(tmp.resolve("big"), data);
        ProcFile f = new ProcFile(100);
        assertThat(f.read(p)).isEqualTo(ReadStatus.OK);
        assertThat(f.length()).isEqualTo(data.length);
        assertThat(java.util.Arrays.copyOf(f.buffer(), f.length())).isEqualTo(data);
        assertThat(f.readSingleShow(p)).isEqualTo(ReadStatus.OK);
        assertThat(f.length()).isEqualTo(data.length);
    }

    @Test
    void exactlyFullBufferStillReadsToEnd() throws IOException {
        Path p = Files.write(tmp.resolve("exact"), new byte[64]);
        ProcFile f = new ProcFile(64);
        assertThat(f.readSingleShow(p)).isEqualTo(ReadStatus.OK);
        assertThat(f.length()).isEqualTo(64);
    }

    @Test
    void missingFileIsGoneAndDirectoryIsAnIoError() {
        ProcFile f = new ProcFile();
        assertThat(f.read(tmp.resolve("nope"))).isEqualTo(ReadStatus.GONE);
        assertThat(f.length()).isZero();
        assertThat(f.read(tmp)).isEqualTo(ReadStatus.IO_ERROR); // EISDIR on read
    }

    @Test
    void readErrorsAreClassifiedByErrno() {
        Path existing = tmp;
        assertThat(ProcFile.classify(new IOException("No such process"), existing)).isEqualTo(ReadStatus.GONE);
        assertThat(ProcFile.classify(new IOException("Permission denied"), existing)).isEqualTo(ReadStatus.DENIED);
        assertThat(ProcFile.classify(new IOException("Input/output error"), existing)).isEqualTo(ReadStatus.IO_ERROR);
        assertThat(ProcFile.classify(new IOException("Ein/Ausgabefehler"), tmp.resolve("gone")))
                .isEqualTo(ReadStatus.GONE);
    }

    @Test
    void unreadableFileIsDeniedWhenNotRoot() throws IOException {
        Path p = Files.write(tmp.resolve("secret"), new byte[] {1});
        p.toFile().setReadable(false, false);
        boolean root = Files.isReadable(p);
        org.junit.jupiter.api.Assumptions.assumeFalse(root, "root reads anything");
        assertThat(new ProcFile().read(p)).isEqualTo(ReadStatus.DENIED);
    }
}
