package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.web.HttpTestClient;

/**
 * The exporter run as {@code nobody} (setpriv): it starts, serves its own process fully and
 * root's processes partially, and no scrape fails.
 */
class UnprivilegedTest {
    @Test
    void asNobodyItServesWhatItCanRead(@TempDir Path tmp) throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        // the test class path lives under /root, which nobody cannot read: copy it out
        List<String> classpath = new ArrayList<>();
        int i = 0;
        for (String entry : classPath()) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = tmp.resolve("cp" + i++ + (Files.isDirectory(source) ? "" : ".jar"));
            copy(source, target);
            classpath.add(target.toString());
        }
        int port = ReferenceBinaries.freePort();
        List<String> cmd = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                ProcessHandle.current().info().command().orElse("java"), "-XX:-UsePerfData", "-Xmx64m",
                "-cp", String.join(":", classpath), "org.nodeprocessexporter.Main",
                "--web.listen-address=127.0.0.1:" + port, "--collector.slabinfo");
        Process exporter = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("exporter.log").toFile()).start();
        try {
            HttpTestClient http = new HttpTestClient(port);
            String body = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < until && body == null) {
                try {
                    var r = http.get("/metrics");
                    assertThat(r.statusCode()).isEqualTo(200);
                    body = r.body();
                } catch (java.io.IOException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(body).as(Files.readString(tmp.resolve("exporter.log"))).isNotNull();
            Exposition e = Exposition.parse(body);
            assertThat(e.value("node_scrape_collector_success{collector=\"process_detail\"}")).isEqualTo(1.0);
            assertThat(e.value("node_scrape_collector_success{collector=\"loadavg\"}")).isEqualTo(1.0);
            String own = "java_" + exporter.pid();
            assertThat(e.value("namedprocess_namegroup_effective_username{groupname=\"" + own + "\",username=\"nobody\"}"))
                    .isEqualTo(1.0);
            String ownLines = body.lines().filter(l -> l.contains(own)).reduce("", (a, b) -> a + "\n" + b);
            assertThat(e.value("namedprocess_namegroup_read_bytes_total{groupname=\"" + own + "\"}")).as(ownLines)
                    .isNotNull();
            assertThat(e.value("namedprocess_namegroup_open_filedesc{groupname=\"" + own + "\"}")).isPositive();
            // its own listener (a dual-stack JVM socket, so shown as the IPv4-mapped address)
            assertThat(e.value("namedprocess_namegroup_netstat{groupname=\"" + own + "\",local=\"[::ffff:127.0.0.1]:"
                    + port + "\",protocol=\"tcp\",remote=\"[::]:0\"}")).as(ownLines).isEqualTo(10.0);
            // this test's JVM runs as root: listed with what stat and status say, without its fds and io
            String root = "java_" + ProcessHandle.current().pid();
            assertThat(e.value("namedprocess_namegroup_num_procs{groupname=\"" + root + "\"}")).isEqualTo(1.0);
            assertThat(e.value("namedprocess_namegroup_memory_bytes{groupname=\"" + root + "\",memtype=\"resident\"}"))
                    .isPositive();
            assertThat(e.value("namedprocess_namegroup_open_filedesc{groupname=\"" + root + "\"}")).isNull();
            assertThat(e.value("namedprocess_scrape_partial_errors")).isPositive();
            // /proc/slabinfo is root's only: no data, and no error logged for it
            assertThat(e.value("node_scrape_collector_success{collector=\"slabinfo\"}")).isEqualTo(0.0);
            assertThat(Files.readString(tmp.resolve("exporter.log"))).doesNotContain("name=slabinfo");
        } finally {
            exporter.destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> classPath() throws Exception {
        String cp = System.getProperty("java.class.path");
        List<String> out = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                // surefire's manifest-only jar lists the real class path in its manifest
                try (var jar = new java.util.jar.JarFile(p.toFile())) {
                    String manifestCp = jar.getManifest() == null ? null
                            : jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (manifestCp != null && entry.contains("surefire")) {
                        for (String url : manifestCp.split(" ")) {
                            if (!url.isBlank()) {
                                out.add(Path.of(new java.net.URI(url)).toString());
                            }
                        }
                        continue;
                    }
                }
            }
            out.add(entry);
        }
        return out;
    }

    private static void copy(Path source, Path target) throws Exception {
        if (Files.isDirectory(source)) {
            try (var walk = Files.walk(source)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path t = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t);
                    }
                }
            }
        } else {
            Files.copy(source, target);
        }
        try (var walk = Files.walk(target)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
    }
}
