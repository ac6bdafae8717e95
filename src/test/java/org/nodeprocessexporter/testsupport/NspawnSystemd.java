package org.nodeprocessexporter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real systemd (Debian's, the host's {@code /usr}) booted by {@code systemd-nspawn} as PID 1 of
 * a container over a tree this class writes in a temporary directory, for the tests of the
 * systemd and logind collectors. The container runs its own D-Bus system bus and
 * systemd-logind; the bus socket is in a host directory bound as the container's
 * {@code /run/dbus}, so the host reaches it as {@code unix:path=<dir>/system_bus_socket}; its
 * {@code /run/systemd}, with systemd's private socket, is a host directory too.
 *
 * <p>The test units, all named {@code npe-*}: {@code npe-ok.service} (running), {@code
 * npe-fail.service} (failed), {@code npe-tick.timer} (fired once, a second after boot) with its
 * oneshot {@code npe-tick.service}, {@code npe-echo.socket} (a stream socket in the host directory
 * {@link #ipc}, one {@code npe-echo@} instance per connection), and {@code npe-session.service},
 * which opens a logind session for user {@code tester} through PAM ({@code runuser -l}).
 *
 * <p>The host here has no systemd as PID 1 and cgroups v1 with a named systemd hierarchy and a v2
 * one (hybrid): nspawn runs with {@code --keep-unit --register=no} inside a cgroup of its own in
 * each hierarchy, created here and removed on close, so the container's systemd delegates under
 * it and leaves the rest of the host alone. The container has its own network namespace (loopback
 * only). Needs root and Debian's systemd, systemd-container, dbus, libpam-systemd and util-linux.
 */
public final class NspawnSystemd implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    private Path dir;
    /** Host directory bound as the container's {@code /ipc}, where {@code npe-echo.socket} listens. */
    public Path ipc;
    private Path busSocket;
    private Process nspawn;
    private List<Path> cgroups = List.of();
    private Path log;
    private long pid1;
    private final Thread onExit = new Thread(this::stop, "nspawn-stop");

    private NspawnSystemd() {
    }

    /**
     * One container for a test class, booted before its first test and stopped after its last:
     * {@code @RegisterExtension static final NspawnSystemd systemd = NspawnSystemd.perClass();}
     */
    public static NspawnSystemd perClass() {
        return new NspawnSystemd();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(Files.createTempDirectory("npe-systemd"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The container's system bus, as a D-Bus address. */
    public String busAddress() {
        return "unix:path=" + busSocket;
    }

    /**
     * The host directory that is the container's {@code /run/systemd}, where systemd's private
     * socket is. Bound over the host's {@code /run/systemd} in a mount namespace of its own (see
     * {@link #privateWrapper}), it shows a process systemd's {@code /run/systemd/private}.
     */
    public Path runSystemd() {
        return dir.resolve("systemd-run");
    }

    /**
     * A command prefix that runs a program where {@code /run/systemd/private} is this systemd's:
     * in the container's PID namespace (systemd refuses peers whose pid it cannot see) with the
     * container's {@code /run/systemd} bound over the host's in a mount namespace of its own.
     */
    public List<String> privateWrapper() {
        return List.of("nsenter", "--target=" + pid1, "--pid", "--", "unshare", "--mount", "--", "sh", "-c",
                "mount --bind " + runSystemd() + " /run/systemd && exec \"$@\"", "sh");
    }

    /** The environment that points a D-Bus client at the container's system bus. */
    public Map<String, String> environment() {
        return Map.of("DBUS_SYSTEM_BUS_ADDRESS", busAddress());
    }

    /**
     * For benchmarks ({@code bench/dbus-side-by-side.sh}): boots a container in a temporary
     * directory, prints {@code ready <bus address>}, and stops it when stdin closes.
     */
    public static void main(String[] args) throws Exception {
        try (NspawnSystemd c = perClass()) {
            c.start(Files.createTempDirectory("npe-systemd"));
            System.out.println("ready " + c.busAddress());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until stdin closes
            }
        }
    }

    /** Writes the tree under {@code dir}, boots it and waits until systemd has settled. */
    private void start(Path dir) throws Exception {
        this.dir = dir;
        this.ipc = dir.resolve("ipc");
        this.busSocket = dir.resolve("dbus/system_bus_socket");
        this.log = dir.resolve("nspawn.log");
        for (String tool : new String[] {"/usr/bin/systemd-nspawn", "/usr/lib/systemd/systemd", "/usr/bin/dbus-daemon",
            "/usr/lib/systemd/systemd-logind", "/usr/sbin/runuser", "/usr/bin/busctl"}) {
            assertThat(Path.of(tool)).as("installed by scripts/test.sh (systemd, systemd-container, dbus, util-linux)")
                    .isExecutable();
        }
        try (var libs = Files.list(Path.of("/usr/lib"))) {
            assertThat(libs.anyMatch(d -> Files.exists(d.resolve("security/pam_systemd.so"))))
                    .as("pam_systemd.so, installed by scripts/test.sh (libpam-systemd)").isTrue();
        }
        Path root = dir.resolve("root");
        writeTree(root);
        Files.createDirectories(dir.resolve("dbus"));
        Files.createDirectories(dir.resolve("ipc"));
        Files.createDirectories(dir.resolve("systemd-run"));
        String name = "npe-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        cgroups = createCgroups(name);
        StringBuilder join = new StringBuilder();
        for (Path cg : cgroups) {
            join.append("echo $$ > ").append(cg.resolve("cgroup.procs")).append(" && ");
        }
        List<String> cmd = List.of("sh", "-c", join + "exec systemd-nspawn -q --directory=" + root + " --machine=" + name
                + " --bind-ro=/usr --bind=" + dir.resolve("dbus") + ":/run/dbus --bind=" + dir.resolve("ipc") + ":/ipc"
                + " --bind=" + dir.resolve("systemd-run") + ":/run/systemd"
                + " --register=no --keep-unit --private-network --console=pipe --boot");
        nspawn = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a JVM that exits without closing it (SIGTERM, a test run cut short) must not leave it running
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            awaitSettled();
        } catch (Throwable t) {
            close();
            throw t;
        }
    }

    private void awaitSettled() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < until) {
            if (!nspawn.isAlive()) {
                throw new IllegalStateException("systemd-nspawn exited with " + nspawn.exitValue() + ": " + log());
            }
            if (busSocket.toFile().exists()) {
                String state = busctl("get-property", "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                        "org.freedesktop.systemd1.Manager", "SystemState", "NJobs");
                String trigger = busctl("get-property", "org.freedesktop.systemd1",
                        "/org/freedesktop/systemd1/unit/npe_2dtick_2etimer", "org.freedesktop.systemd1.Timer",
                        "LastTriggerUSec");
                String sessions = busctl("call", "org.freedesktop.login1", "/org/freedesktop/login1",
                        "org.freedesktop.login1.Manager", "ListSessions");
                last = state + " | " + trigger + " | " + sessions;
                if ((state.startsWith("s \"running\"") || state.startsWith("s \"degraded\"")) && state.endsWith("u 0")
                        && trigger.startsWith("t ") && !trigger.equals("t 0") && sessions.startsWith("a(susso) 1 ")) {
                    // nspawn's only child by now (the intermediate process that forked it is gone)
                    pid1 = init().map(ProcessHandle::pid).orElseThrow(() -> new IllegalStateException(
                            "no container init under nspawn " + nspawn.pid()));
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("systemd in the container did not settle: " + last + "\n" + log());
    }

    /** {@code busctl} against the container's bus; its output on one line ("" when it failed). */
    public String busctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("busctl", "--address=" + busAddress(), "--timeout=5"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
        return p.waitFor() == 0 ? out : "";
    }

    private String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A cgroup for nspawn in every hierarchy systemd uses: the named v1 {@code systemd} one and
     * the v2 one (hybrid: {@code /sys/fs/cgroup/unified}; unified: {@code /sys/fs/cgroup} itself).
     */
    private static List<Path> createCgroups(String name) throws IOException {
        List<Path> roots = new ArrayList<>();
        if (Files.exists(CGROUPS.resolve("cgroup.procs"))) {
            roots.add(CGROUPS);
        } else {
            for (String h : new String[] {"systemd", "unified"}) {
                if (Files.exists(CGROUPS.resolve(h).resolve("cgroup.procs"))) {
                    roots.add(CGROUPS.resolve(h));
                }
            }
        }
        assertThat(roots).as("a systemd or cgroup2 hierarchy under /sys/fs/cgroup").isNotEmpty();
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            out.add(Files.createDirectories(r.resolve(name)));
        }
        return out;
    }

    private static void writeTree(Path root) throws IOException {
        for (String d : new String[] {"usr", "etc/systemd/system", "var/lib", "tmp", "run", "proc", "sys", "dev", "root",
            "ipc"}) {
            Files.createDirectories(root.resolve(d));
        }
        for (String link : new String[] {"bin", "sbin", "lib", "lib64"}) {
            Files.createSymbolicLink(root.resolve(link), Path.of("usr/" + link));
        }
        Path etc = root.resolve("etc");
        Path osRelease = Files.exists(Path.of("/etc/os-release")) ? Path.of("/etc/os-release") : Path.of("/usr/lib/os-release");
        Files.copy(osRelease, etc.resolve("os-release"));
        // an empty machine-id would make this a first boot, and systemd-firstboot.service fail
        Files.writeString(etc.resolve("machine-id"), java.util.UUID.randomUUID().toString().replace("-", "") + "\n");
        Files.writeString(etc.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/sh
                messagebus:x:100:101::/nonexistent:/usr/sbin/nologin
                tester:x:1000:1000::/tmp:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """);
        Files.writeString(etc.resolve("group"), """
                root:x:0:
                messagebus:x:101:
                tester:x:1000:
                nogroup:x:65534:
                """);
        Files.writeString(etc.resolve("shadow"), """
                root:*:19000:0:99999:7:::
                messagebus:*:19000:0:99999:7:::
                tester:*:19000:0:99999:7:::
                nobody:*:19000:0:99999:7:::
                """);
        // runuser's PAM stack (pam_systemd opens the logind session)
        TreeCopy.copy(Path.of("/etc/pam.d"), etc.resolve("pam.d"));
        TreeCopy.copy(Path.of("/etc/security"), etc.resolve("security"));
        Files.copy(Path.of("/etc/login.defs"), etc.resolve("login.defs"));
        Path units = etc.resolve("systemd/system");
        unit(units, "npe-test.target", """
                [Unit]
                Description=the units of the collector tests
                Wants=dbus.socket dbus.service systemd-logind.service npe-ok.service npe-fail.service npe-tick.timer
                Wants=npe-echo.socket npe-session.service
                """);
        unit(units, "npe-ok.service", "[Service]\nExecStart=/bin/sleep infinity\n");
        unit(units, "npe-fail.service", "[Service]\nType=oneshot\nExecStart=/bin/false\n");
        unit(units, "npe-tick.timer", "[Timer]\nOnActiveSec=1\n");
        unit(units, "npe-tick.service", "[Service]\nType=oneshot\nExecStart=/bin/true\n");
        unit(units, "npe-echo.socket", "[Socket]\nListenStream=/ipc/echo.sock\nAccept=yes\n");
        unit(units, "npe-echo@.service", "[Service]\nExecStart=/bin/cat\nStandardInput=socket\n");
        unit(units, "npe-session.service", """
                [Unit]
                After=systemd-logind.service dbus.service
                [Service]
                ExecStart=/usr/sbin/runuser -l tester -c 'exec sleep infinity'
                """);
        Files.createSymbolicLink(units.resolve("default.target"), Path.of("npe-test.target"));
        // pulled in by host units under /usr; it would stay "activating" for two minutes, then fail
        Files.createSymbolicLink(units.resolve("systemd-networkd-wait-online.service"), Path.of("/dev/null"));
        Files.writeString(etc.resolve("systemd/system.conf"), "[Manager]\nDefaultTimeoutStopSec=5s\n");
    }

    private static void unit(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    /**
     * Kills the container's init, which takes every process of its PID namespace with it, waits
     * for nspawn to exit and removes the cgroups.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is exiting (the hook runs stop()), or it never started
        }
        stop();
    }

    private synchronized void stop() {
        try {
            stopAndClean();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the container in " + dir, e);
        }
    }

    /** The container's init: nspawn's child running systemd. */
    private Optional<ProcessHandle> init() {
        return nspawn.toHandle().children()
                .filter(h -> h.info().command().map(c -> c.endsWith("/systemd")).orElse(false)).findFirst();
    }

    private void stopAndClean() throws Exception {
        if (nspawn == null) {
            return;
        }
        // looked up again, so that a pid reused since can never be killed
        init().ifPresent(ProcessHandle::destroyForcibly);
        if (!nspawn.waitFor(20, TimeUnit.SECONDS)) {
            nspawn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (Path cg : cgroups) {
            removeTree(cg);
        }
        nspawn = null;
        // the binds are in the container's mount namespace; were one visible here, deleting would reach /usr
        if (Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + dir + "/")) {
            throw new IllegalStateException("mounts left under " + dir + ", not deleted");
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Kills what is left in the cgroup (all of it is the container's: a container whose init
     * outlived nspawn would otherwise run on) and removes it, deepest directories first.
     */
    private static void removeTree(Path cgroup) throws Exception {
        for (int attempt = 0; attempt < 50 && Files.exists(cgroup); attempt++) {
            List<Path> dirs;
            try (var walk = Files.walk(cgroup)) {
                dirs = walk.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList();
            }
            for (Path d : dirs) {
                try {
                    for (String pid : Files.readAllLines(d.resolve("cgroup.procs"))) {
                        ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                } catch (IOException e) {
                    // removed meanwhile
                }
                d.toFile().delete(); // rmdir: a cgroup directory goes although it lists files
            }
            if (Files.exists(cgroup)) {
                Thread.sleep(100); // the last processes are still being reaped
            }
        }
    }
}
