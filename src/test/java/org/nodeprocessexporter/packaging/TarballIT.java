package org.nodeprocessexporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.web.HttpTestClient;

/**
 * The release tarball: its checksum in sha256sums.txt holds, it unpacks into one directory with
 * the files an operator needs, and {@code ./node-process-exporter} there runs the jar beside it.
 */
class TarballIT {
    @Test
    void checksumsHold() throws Exception {
        Path sums = Packaging.artifact("sha256sums.txt");
        List<String> lines = Files.readAllLines(sums);
        assertThat(lines).extracting(l -> l.substring(l.indexOf("  ") + 2)).containsExactlyInAnyOrder(
                Packaging.tarball().getFileName().toString(), Packaging.deb().getFileName().toString(),
                Packaging.imageArchive().getFileName().toString());
        Packaging.run(Duration.ofMinutes(1), List.of("sha256sum", "--check", "--strict", sums.toString()),
                Packaging.TARGET).ok("sha256sum --check");
    }

    @Test
    void unpackedAnywhereItRuns(@TempDir Path tmp) throws Exception {
        Packaging.run("tar", "-xzf", Packaging.tarball().toString(), "-C", tmp.toString()).ok("tar");
        Path dir = tmp.resolve("node-process-exporter-" + Packaging.VERSION);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(dir);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "node-process-exporter", "node-process-exporter.jar", "jvm.options",
                    "node-process-exporter.service", "node-process-exporter.default", "LICENSE", "README.md");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("node-process-exporter")))
                .contains(PosixFilePermission.OTHERS_EXECUTE);
        assertThat(dir.resolve("node-process-exporter.jar")).hasSameBinaryContentAs(Packaging.jar());

        int port = ReferenceBinaries.freePort();
        Path log = tmp.resolve("exporter.log");
        Process exporter = new ProcessBuilder("./node-process-exporter", "--web.listen-address=127.0.0.1:" + port)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Exposition e = Exposition.parse(Packaging.scrapeWhenUp(new HttpTestClient(port), exporter, log));
            assertThat(e.value("node_scrape_collector_success{collector=\"loadavg\"}")).isEqualTo(1.0);
            assertThat(e.value("node_scrape_collector_success{collector=\"process_detail\"}")).isEqualTo(1.0);
            assertThat(e.family("node_exporter_build_info").keySet())
                    .anySatisfy(k -> assertThat(k).contains("version=\"" + Packaging.VERSION + "\""));
            // the jar and the JVM options of the unpacked directory, not of the source tree
            String cmdline = Files.readString(Path.of("/proc/" + exporter.pid() + "/cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
            assertThat(cmdline).contains("@" + dir + "/jvm.options").contains("-jar " + dir + "/node-process-exporter.jar");
        } finally {
            exporter.destroy();
            assertThat(exporter.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).contains("Shutting down");
    }
}
