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
    void readLinesHandsOverEveryLineAcrossChunksWithoutHoldingTheFile() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            // lengths vary so that lines straddle every chunk boundary; one line is longer than the buffer
            text.append("line ").append(i).append(" ").append("x".repeat(i == 2500 ? 20_000 : i % 97)).append('\n');
        }
        text.append("cut short");
        Path p = Files.writeString(tmp.resolve("lines"), text);
        ProcFile f = new ProcFile(256);
        java.util.List<String> lines = new java.util.ArrayList<>();
        java.util.List<Boolean> complete = new java.util.ArrayList<>();
        assertThat(f.readLines(p, (b, start, end, whole) -> {
            lines.add(new String(b, start, end - start, java.nio.charset.StandardCharsets.US_ASCII));
            complete.add(whole);
        })).isEqualTo(ReadStatus.OK);
        assertThat(String.join("\n", lines)).isEqualTo(text.toString());
        assertThat(complete.subList(0, 5000)).containsOnly(true);
        assertThat(complete.get(5000)).isFalse();
        // grown for the 20 kB line only, not to the file's size
        assertThat(f.buffer().length).isLessThan(64 * 1024).isLessThan((int) Files.size(p));
    }

    @Test
    void readLinesOfAMissingFileIsGone() {
        assertThat(new ProcFile().readLines(tmp.resolve("nope"), (b, s, e, c) -> { })).isEqualTo(ReadStatus.GONE);
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
