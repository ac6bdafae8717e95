package org.nodeprocessexporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeprocessexporter.packaging.Manifests.at;
import static org.nodeprocessexporter.packaging.Manifests.container;
import static org.nodeprocessexporter.packaging.Manifests.list;
import static org.nodeprocessexporter.packaging.Manifests.map;
import static org.nodeprocessexporter.packaging.Manifests.only;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.web.HttpTestClient;

/**
 * The image in podman, run as the rendered DaemonSet's pod would run (PodmanRun): every collector
 * that succeeds when the jar runs on the host as the same user with the same capabilities also
 * succeeds in the container, with the host's /proc, /sys and / read-only under /host and no
 * writable path at all; process_detail sees the host's processes and their sockets; the probes
 * answer; TLS works with the web config. Twice: the base (uid 0 with the unit's two capabilities)
 * and components/unprivileged (the chart's uid 65534 without capabilities). Podman keeps its
 * storage in a directory of this test, removed at the end.
 */
class ContainerImageIT {
    private static Path storage;
    private static List<String> podman;
    private static int runs;

    @BeforeAll
    static void loadTheImage() throws Exception {
        String binary = Packaging.requireTool("podman", "podman");
        // crun, podman's default runtime, cannot start containers in this sandbox; runc can
        String runc = Packaging.requireTool("runc", "runc");
        // podman refuses a run root longer than 50 characters
        storage = Files.createTempDirectory(Path.of("/tmp"), "npe-podman-");
        podman = List.of(binary, "--root=" + storage.resolve("root"), "--runroot=" + storage.resolve("run"),
                "--tmpdir=" + storage.resolve("tmp"), "--storage-driver=vfs", "--cgroup-manager=cgroupfs",
                "--events-backend=none", "--runtime=" + runc);
        assertThat(podman("load", "--input=" + Packaging.imageArchive()).ok("podman load").output())
                .contains("Loaded image: localhost/" + Packaging.IMAGE_NAME + ":" + Packaging.VERSION);
    }

    @AfterAll
    static void removeTheStorage() throws Exception {
        if (storage == null) {
            return;
        }
        podman("rm", "--all", "--force", "--time=5");
        podman("rmi", "--all", "--force");
        // vfs leaves nothing mounted; a container that died half-way may have left its /dev/shm
        for (String mount : Packaging.run("findmnt", "-rn", "-o", "TARGET").output().lines()
                .filter(m -> m.startsWith(storage.toString())).sorted((a, b) -> b.length() - a.length()).toList()) {
            Packaging.run("umount", "-l", mount);
        }
        Packaging.run("rm", "-rf", storage.toString()).ok("rm podman storage");
    }

    @Test
    void theImage() throws Exception {
        String inspect = podman("image", "inspect", "--format",
                "{{.Config.User}}|{{json .Config.Entrypoint}}|{{json .Config.Cmd}}|{{.Size}}",
                "localhost/" + Packaging.IMAGE_NAME + ":" + Packaging.VERSION).ok("inspect").output().strip();
        String[] fields = inspect.split("\\|");
        assertThat(fields[0]).isEqualTo("65534:65534");
        assertThat(fields[1]).contains("\"-Djna.nounpack=true\"", "\"@/usr/share/node-process-exporter/jvm.options\"");
        assertThat(fields[2]).isIn("null", "[]");
        Packaging.measured(String.format("image: %.1f MB uncompressed, %.1f MB as the OCI archive (compressed layers)",
                Long.parseLong(fields[3]) / 1e6, Files.size(Packaging.imageArchive()) / 1e6));
    }

    @Test
    void theDaemonSetsPod(@TempDir Path tmp) throws Exception {
        Map<String, Object> daemonSet = only(Manifests.render(Manifests.DEPLOY.resolve("base")), "DaemonSet");
        try (Child root = Child.listening(null)) {
            Scrapes s = runAndCompare(daemonSet, tmp, List.of());
            // uid 0 with CAP_SYS_PTRACE: a root process's descriptors and sockets
            assertThat(s.container.value("namedprocess_namegroup_netstat{groupname=\"python3_" + root.pid
                    + "\",local=\"127.0.0.1:" + root.port + "\",protocol=\"tcp\",remote=\"0.0.0.0:0\"}")).isEqualTo(10.0);
            assertThat(s.container.value("namedprocess_namegroup_open_filedesc{groupname=\"python3_" + root.pid + "\"}"))
                    .isPositive();
            assertThat(s.container.value("namedprocess_namegroup_effective_username{groupname=\"python3_" + root.pid
                    + "\",username=\"root\"}")).isEqualTo(1.0);
        }
    }

    @Test
    void theChartsUnprivilegedPod(@TempDir Path tmp) throws Exception {
        Path overlay = Files.createDirectories(tmp.resolve("overlay"));
        Map<String, Object> daemonSet = only(Manifests.renderBaseWith(overlay, "unprivileged"), "DaemonSet");
        try (Child root = Child.listening(null); Child nobody = Child.listening("65534")) {
            Scrapes s = runAndCompare(daemonSet, tmp, List.of());
            // as 65534 without capabilities: the sockets of 65534's processes, of root's only the group
            assertThat(s.container.value("namedprocess_namegroup_netstat{groupname=\"python3_" + nobody.pid
                    + "\",local=\"127.0.0.1:" + nobody.port + "\",protocol=\"tcp\",remote=\"0.0.0.0:0\"}")).isEqualTo(10.0);
            assertThat(s.container.value("namedprocess_namegroup_effective_username{groupname=\"python3_" + nobody.pid
                    + "\",username=\"nobody\"}")).isEqualTo(1.0);
            assertThat(s.container.value("namedprocess_namegroup_num_procs{groupname=\"python3_" + root.pid + "\"}"))
                    .isEqualTo(1.0);
            assertThat(s.container.family("namedprocess_namegroup_netstat").keySet())
                    .noneMatch(k -> k.contains("python3_" + root.pid));
        }
    }

    @Test
    void tlsWithTheWebConfig(@TempDir Path tmp) throws Exception {
        Path config = Files.createDirectories(tmp.resolve("web"));
        Packaging.run(Duration.ofMinutes(1), List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=DNS:localhost", "-keyout", config.resolve("node.key").toString(), "-out",
                config.resolve("node.crt").toString())).ok("openssl");
        Files.writeString(config.resolve("web.yml"), "tls_server_config:\n  cert_file: node.crt\n  key_file: node.key\n");
        Packaging.run("chmod", "-R", "a+rX", tmp.toString()).ok("chmod");
        Map<String, Object> daemonSet = only(Manifests.render(Manifests.DEPLOY.resolve("base")), "DaemonSet");
        int port = ReferenceBinaries.freePort();
        PodmanRun run = podmanRun(daemonSet, port);
        List<String> extra = List.of("--volume=" + config + ":/etc/node-process-exporter:ro",
                "--web.config.file=/etc/node-process-exporter/web.yml");
        String name = start(run, extra);
        try {
            Packaging.Result curl = null;
            for (int i = 0; i < 600; i++) {
                curl = Packaging.run(Duration.ofMinutes(1), List.of("curl", "-sS", "-v", "--fail", "--cacert",
                        config.resolve("node.crt").toString(), "--resolve", "localhost:" + port + ":127.0.0.1",
                        "https://localhost:" + port + "/metrics"));
                if (curl.status() == 0 || !running(name)) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(curl.status()).as(curl.output() + logs(name)).isZero();
            // TLS 1.3 with the EC certificate: the JDK's elliptic-curve module is in the runtime
            assertThat(curl.output()).contains("TLSv1.3").contains("node_scrape_collector_success{collector=\"cpu\"} 1.0");
        } finally {
            podman("rm", "--force", "--time=10", name);
        }
    }

    /** Both scrapes: the container's, and the host's of the jar run as the container's user with its capabilities. */
    private record Scrapes(Exposition container, Exposition host) {
    }

    private Scrapes runAndCompare(Map<String, Object> daemonSet, Path tmp, List<String> extra) throws Exception {
        int port = ReferenceBinaries.freePort();
        PodmanRun run = podmanRun(daemonSet, port);
        Map<String, Object> container = container(daemonSet);
        String name = start(run, extra);
        try {
            HttpTestClient http = new HttpTestClient(port);
            Exposition e = Exposition.parse(scrapeWhenUp(http, name));
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                assertThat(at(container, probe, "httpGet", "port")).isEqualTo(at(container, "ports", 0, "name"));
                assertThat(http.get((String) at(container, probe, "httpGet", "path")).statusCode()).isEqualTo(200);
            }
            for (int i = 0; i < 20; i++) {
                e = Exposition.parse(http.get("/metrics").body());
            }
            Exposition host = onTheHost(run, container, tmp);
            assertThat(Packaging.succeeded(e)).as("succeeded in the container, all of those on the host")
                    .containsAll(Packaging.succeeded(host)).contains("process_detail", "filesystem", "uname", "cpu");
            assertThat(Packaging.collectorSuccess(e).keySet()).isEqualTo(Packaging.collectorSuccess(host).keySet());
            // the host's processes: its init and every process the host run saw, give or take churn
            assertThat(e.family("namedprocess_namegroup_num_procs").keySet())
                    .anyMatch(k -> k.endsWith("_1\"}"));
            assertThat(e.family("namedprocess_namegroup_num_procs").size())
                    .isGreaterThan(host.family("namedprocess_namegroup_num_procs").size() / 2);
            assertThat(errors(logs(name))).as("errors logged in the container, beyond those on the host")
                    .isSubsetOf(errors(Files.readString(tmp.resolve("host.log"))));
            Packaging.measured(String.format("container (uid %d%s): RSS %.1f MiB after 21 scrapes, %d process groups",
                    run.uid, run.arguments.contains("--cap-add=SYS_PTRACE") ? ", SYS_PTRACE+DAC_READ_SEARCH" : ", no capabilities",
                    e.value("process_resident_memory_bytes") / 1048576,
                    e.family("namedprocess_namegroup_num_procs").size()));
            return new Scrapes(e, host);
        } finally {
            podman("rm", "--force", "--time=10", name);
        }
    }

    /** The rendered pod with a free port in place of 9100 (the host network is shared with whatever runs here). */
    private static PodmanRun podmanRun(Map<String, Object> daemonSet, int port) {
        Map<String, Object> container = container(daemonSet);
        List<Object> args = list(container.get("args"));
        args.replaceAll(a -> ((String) a).replace("]:9100", "]:" + port));
        map(list(container.get("ports")).get(0)).put("containerPort", port);
        PodmanRun run = PodmanRun.of(daemonSet);
        assertThat(run.args).contains("--web.listen-address=[0.0.0.0]:" + port);
        return run;
    }

    private String start(PodmanRun run, List<String> extra) throws Exception {
        String name = "npe-it-" + ProcessHandle.current().pid() + "-" + runs++;
        List<String> command = new ArrayList<>(List.of("run", "--detach", "--name=" + name,
                "--ulimit=nofile=1024:1024", "--ulimit=nproc=4096:4096"));
        command.addAll(run.arguments);
        extra.stream().filter(a -> a.startsWith("--volume=")).forEach(command::add);
        command.add(run.image);
        command.addAll(run.args);
        extra.stream().filter(a -> !a.startsWith("--volume=")).forEach(command::add);
        podman(command.toArray(String[]::new)).ok("podman run");
        return name;
    }

    private static String scrapeWhenUp(HttpTestClient http, String name) throws Exception {
        return Packaging.scrapeWhenUp(http, () -> running(name), () -> logs(name));
    }

    /** The jar on the host with the container's flags but not its --path ones, its user and capabilities. */
    private static Exposition onTheHost(PodmanRun run, Map<String, Object> container, Path tmp) throws Exception {
        Path jar = tmp.resolve("node-process-exporter.jar");
        Files.copy(Packaging.jar(), jar);
        Files.copy(Path.of("packaging/jvm.options"), tmp.resolve("jvm.options"));
        Packaging.run("chmod", "a+rx", tmp.toString()).ok("chmod");
        Packaging.run("chmod", "a+r", jar.toString(), tmp.resolve("jvm.options").toString()).ok("chmod");
        List<String> caps = list(at(container, "securityContext", "capabilities", "add")).stream()
                .map(c -> "+" + ((String) c).toLowerCase(java.util.Locale.ROOT)).toList();
        String capList = caps.isEmpty() ? "-all" : "-all," + String.join(",", caps);
        String user = run.arguments.stream().filter(a -> a.startsWith("--user=")).findFirst().orElseThrow().substring(7);
        int port = ReferenceBinaries.freePort();
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + user.split(":")[0],
                "--regid=" + user.split(":")[1], "--clear-groups", "--bounding-set=" + capList, "--inh-caps=" + capList,
                "--ambient-caps=" + capList, "--no-new-privs", "env", "MALLOC_ARENA_MAX=2",
                ProcessHandle.current().info().command().orElse("java"), "@" + tmp.resolve("jvm.options"), "-jar",
                jar.toString(), "--web.listen-address=127.0.0.1:" + port));
        run.args.stream().filter(a -> !a.startsWith("--path.") && !a.startsWith("--web.listen-address")).forEach(command::add);
        Path log = tmp.resolve("host.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpTestClient http = new HttpTestClient(port);
            Packaging.scrapeWhenUp(http, p, log);
            return Exposition.parse(http.get("/metrics").body());
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The messages of the error lines of a log, without their time stamps, with host paths for /host/... */
    private static List<String> errors(String log) {
        return log.lines().filter(l -> l.contains("level=error")).map(l -> l.replaceFirst("^ts=\\S+ ", "")
                .replace("/host/root/", "/").replace("/host/proc", "/proc").replace("/host/sys", "/sys")).toList();
    }

    private static boolean running(String name) throws Exception {
        return podman("inspect", "--format", "{{.State.Running}}", name).output().strip().equals("true");
    }

    private static String logs(String name) throws Exception {
        return podman("logs", name).output();
    }

    private static Packaging.Result podman(String... args) throws Exception {
        List<String> command = new ArrayList<>(podman);
        command.addAll(List.of(args));
        return Packaging.run(Duration.ofMinutes(5), command);
    }

    /** A process on the host holding a TCP listener on a loopback port, as root or as another user. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final long pid;
        final int port;

        private Child(Process process, int port) {
            this.process = process;
            this.pid = process.pid();
            this.port = port;
        }

        static Child listening(String uid) throws Exception {
            List<String> command = new ArrayList<>();
            if (uid != null) {
                command.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
            }
            // Debian's python3: one from the PATH may live under /root, which another user cannot run
            Path python = Path.of("/usr/bin/python3");
            assertThat(python).as("install the Debian package python3 (scripts/test.sh does)").isExecutable();
            command.addAll(List.of(python.toString(), "-c",
                    "import socket, sys\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen()\n"
                            + "print(s.getsockname()[1], flush=True)\nsys.stdin.read()\n"));
            Process p = new ProcessBuilder(command).start();
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (line == null) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the child did not start: "
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new Child(p, Integer.parseInt(line.strip()));
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
