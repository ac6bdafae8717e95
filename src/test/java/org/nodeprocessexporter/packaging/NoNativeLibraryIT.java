package org.nodeprocessexporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.web.HttpTestClient;

/**
 * The jar where JNA cannot load its native library (not unpacked, not on a boot path: a read-only
 * host without the image's copy): process_detail reads every process by path, filesystem reports
 * statfs's failure per mount at once instead of waiting out its timeout, and only the collectors
 * that are system calls (uname, timex; sockstat's page size) go without, as docs/deployment.md says.
 */
class NoNativeLibraryIT {
    @Test
    void withoutJnasNativeLibrary(@TempDir Path tmp) throws Exception {
        int port = ReferenceBinaries.freePort();
        Path log = tmp.resolve("exporter.log");
        Process exporter = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "@" + Path.of("packaging/jvm.options").toAbsolutePath(), "-Djna.nounpack=true", "-Djna.noclasspath=true",
                "-jar", Packaging.jar().toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Exposition e = Exposition.parse(Packaging.scrapeWhenUp(new HttpTestClient(port), exporter, log));
            assertThat(Packaging.collectorSuccess(e)).containsEntry("process_detail", 1.0)
                    .containsEntry("filesystem", 1.0).containsEntry("netclass", 1.0)
                    .containsEntry("uname", 0.0).containsEntry("timex", 0.0);
            assertThat(e.value("namedprocess_namegroup_num_procs{groupname=\"java_" + exporter.pid() + "\"}"))
                    .isEqualTo(1.0);
            assertThat(e.family("node_filesystem_device_error").keySet()).isNotEmpty()
                    .allSatisfy(k -> assertThat(k).contains("Could not initialize class"));
        } finally {
            exporter.destroy();
            assertThat(exporter.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        List<String> log1 = Files.readAllLines(log);
        assertThat(log1).anySatisfy(l -> assertThat(l).contains("collector disabled: cannot load its native library",
                "collector=sockstat"));
    }
}
