package org.nodeprocessexporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.web.HttpTestClient;

/**
 * The .deb on this machine: lintian finds nothing, dpkg installs it with its user, conffile and
 * directories, systemd-analyze accepts the installed unit, the installed launcher runs as the
 * unit's ExecStart would (its user, its capabilities, the ARGS of /etc/default) and serves, and
 * dpkg --purge leaves nothing behind. The machine is purged again whatever happens.
 */
class DebPackageIT {
    private static final String PACKAGE = "node-process-exporter";
    private static final Path UNIT = Path.of("/lib/systemd/system/node-process-exporter.service");
    private static final Path DEFAULTS = Path.of("/etc/default/node-process-exporter");
    private static final Path TEXTFILE_DIR = Path.of("/var/lib/node-process-exporter/textfile");
    /** Where systemd would make the unit's CacheDirectory= (for the launcher's class-data archive). */
    private static final Path CACHE_DIR = Path.of("/var/cache/node-process-exporter");
    /** CAP_DAC_READ_SEARCH (2) and CAP_SYS_PTRACE (19), as /proc/PID/status prints a capability set. */
    private static final String UNIT_CAPABILITIES = String.format("%016x", (1L << 2) | (1L << 19));

    @Test
    void lintianFindsNothing() throws Exception {
        String lintian = Packaging.requireTool("lintian", "lintian");
        // every tag, down to pedantic and experimental ones: the package has none to explain
        Packaging.Result r = Packaging.run(Duration.ofMinutes(5), List.of(lintian, "--pedantic",
                "--display-experimental", "--fail-on", "error,warning,info,pedantic", Packaging.deb().toString()));
        String tags = r.output().lines().filter(l -> !l.startsWith("running with root privileges")).reduce("",
                (a, b) -> a + b + "\n");
        assertThat(tags).isEmpty();
        assertThat(r.status()).as(r.output()).isZero();
    }

    @Test
    void theCopyrightFileNamesEveryLibraryInTheJar() throws Exception {
        String copyright = Files.readString(Path.of("packaging/debian/copyright"));
        List<String> bundled = new ArrayList<>();
        try (var jar = new java.util.jar.JarFile(Packaging.jar().toFile())) {
            jar.stream().map(java.util.jar.JarEntry::getName)
                    .filter(n -> n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties"))
                    .map(n -> n.split("/")).map(p -> p[2] + ":" + p[3])
                    .filter(c -> !c.startsWith("org.nodeprocessexporter:")).forEach(bundled::add);
        }
        assertThat(bundled).isNotEmpty().allSatisfy(c -> assertThat(copyright).as("packaging/debian/copyright names "
                + c + ", which the shaded jar bundles").contains(c));
    }

    @Test
    void installRunPurge(@TempDir Path tmp) throws Exception {
        Packaging.requireTool("dpkg", "dpkg");
        String setpriv = Packaging.requireTool("setpriv", "util-linux");
        String systemdAnalyze = Packaging.requireTool("systemd-analyze", "systemd");
        // one package per machine: a second run of this test (another worktree) waits for this one
        try (FileChannel lock = FileChannel.open(Path.of("/run/lock/node-process-exporter-deb-test.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); var held = lock.lock()) {
            purge();
            assertThat(leftovers()).as("nothing of the package on the machine before the test").isEmpty();
            try {
                installed(systemdAnalyze, tmp);
                runAsTheUnit(setpriv, tmp);
                dpkg("--remove", PACKAGE);
                assertThat(DEFAULTS).as("remove keeps the conffile").exists();
                assertThat(Packaging.run("getent", "passwd", PACKAGE).status()).as("remove keeps the user").isZero();
                dpkg("--purge", PACKAGE);
                assertThat(leftovers()).isEmpty();
                assertThat(Packaging.run("dpkg-query", "-W", PACKAGE).status()).isNotZero();
            } finally {
                purge();
            }
        }
    }

    private void installed(String systemdAnalyze, Path tmp) throws Exception {
        dpkg("--install", Packaging.deb().toString());
        List<String> files = Packaging.run("dpkg-query", "-L", PACKAGE).ok("dpkg-query -L").output().lines().toList();
        assertThat(files).contains("/usr/bin/node-process-exporter",
                "/usr/share/node-process-exporter/node-process-exporter.jar",
                "/usr/share/node-process-exporter/jvm.options", UNIT.toString(), DEFAULTS.toString(),
                TEXTFILE_DIR.toString(), "/usr/share/man/man1/node-process-exporter.1.gz",
                "/usr/share/doc/node-process-exporter/copyright", "/usr/share/doc/node-process-exporter/changelog.gz");
        assertThat(Path.of("/usr/bin/node-process-exporter")).isExecutable();
        assertThat(Path.of("/usr/share/node-process-exporter/node-process-exporter.jar"))
                .hasSameBinaryContentAs(Packaging.jar());
        assertThat(Packaging.run("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE).output())
                .contains(DEFAULTS.toString());
        assertThat(Packaging.run("dpkg-query", "-W", "-f=${Version} ${Architecture}", PACKAGE).output())
                .isEqualTo(Packaging.DEB_VERSION + " all");

        String[] user = Packaging.run("getent", "passwd", PACKAGE).ok("getent passwd").output().strip().split(":");
        assertThat(Integer.parseInt(user[2])).as("a system user").isLessThan(1000);
        assertThat(user[5]).isEqualTo("/var/lib/node-process-exporter");
        assertThat(user[6]).isEqualTo("/usr/sbin/nologin");
        String[] group = Packaging.run("getent", "group", PACKAGE).ok("getent group").output().strip().split(":");
        assertThat(group[2]).isEqualTo(user[3]);

        // the man page renders without a warning
        Packaging.Result man = Packaging.run(Duration.ofMinutes(1), List.of("sh", "-c",
                "man --warnings -l /usr/share/man/man1/node-process-exporter.1.gz >/dev/null"));
        assertThat(man.output()).isEmpty();

        // systemd-analyze exits 0 for unknown keys and only prints them: both must hold
        Packaging.Result verify = Packaging.run(Duration.ofMinutes(1), List.of(systemdAnalyze, "verify", "--man=no",
                UNIT.toString()));
        assertThat(verify.output()).isEmpty();
        assertThat(verify.status()).isZero();
        Path broken = tmp.resolve("broken.service");
        Files.writeString(broken, Files.readString(UNIT).replace("\nUser=", "\nUsr="));
        assertThat(Packaging.run(Duration.ofMinutes(1), List.of(systemdAnalyze, "verify", "--man=no",
                broken.toString())).output()).as("the check can fail").contains("Unknown key");
    }

    /**
     * Starts /usr/bin/node-process-exporter from the installed unit's ExecStart with the ARGS of its
     * EnvironmentFile, as its User and Group with its AmbientCapabilities, CapabilityBoundingSet and
     * NoNewPrivileges, in systemd's clean environment, and scrapes it.
     */
    private void runAsTheUnit(String setpriv, Path tmp) throws Exception {
        Map<String, String> unit = serviceSection(Files.readString(UNIT));
        int port = ReferenceBinaries.freePort();
        Files.writeString(DEFAULTS, "ARGS=\"--web.listen-address=127.0.0.1:" + port
                + " --collector.textfile.directory=" + TEXTFILE_DIR + "\"\n");
        Files.writeString(TEXTFILE_DIR.resolve("deb-test.prom"), "# TYPE deb_test_written gauge\ndeb_test_written 1\n");
        // systemd makes the unit's CacheDirectory= for its user before starting it
        Files.createDirectories(CACHE_DIR);
        Packaging.run("chown", unit.get("User") + ":" + unit.get("Group"), CACHE_DIR.toString()).ok("chown");

        Map<String, String> environment = environmentFile(Path.of(unit.get("EnvironmentFile").replaceFirst("^-", "")));
        // PrivateTmp= and ProtectSystem=strict in a mount namespace of its own: an empty /tmp, and
        // everything read-only but the cache directory, so nothing the exporter writes outlives it
        assertThat(unit).containsEntry("PrivateTmp", "yes").containsEntry("ProtectSystem", "strict")
                .containsEntry("CacheDirectory", CACHE_DIR.getFileName().toString());
        List<String> command = new ArrayList<>(List.of(Packaging.requireTool("unshare", "util-linux"), "--mount",
                "--propagation", "private", "--", "sh", "-c", "mount -t tmpfs -o mode=1777 tmpfs /tmp && mount --bind "
                        + CACHE_DIR + " " + CACHE_DIR + " && mount -o remount,bind,ro / && exec \"$@\"", "sh"));
        command.addAll(List.of(setpriv, "--reuid=" + unit.get("User"),
                "--regid=" + unit.get("Group"), "--init-groups"));
        String caps = capabilityList(unit.get("AmbientCapabilities"));
        command.add("--inh-caps=-all," + caps);
        command.add("--ambient-caps=-all," + caps);
        command.add("--bounding-set=-all," + capabilityList(unit.get("CapabilityBoundingSet")));
        if (unit.get("NoNewPrivileges").equals("yes")) {
            command.add("--no-new-privs");
        }
        command.addAll(List.of("--", "env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "CACHE_DIRECTORY=" + CACHE_DIR));
        environment.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(execStart(unit.get("ExecStart"), environment));
        assertThat(command).contains("/usr/bin/node-process-exporter", "--web.listen-address=127.0.0.1:" + port);

        Path log = tmp.resolve("exporter.log");
        Process exporter = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Exposition e = Exposition.parse(Packaging.scrapeWhenUp(new HttpTestClient(port), exporter, log));
            Map<String, String> status = procStatus(exporter.pid());
            assertThat(status.get("Uid").split("\\s+")[1]).isEqualTo(Packaging.run("id", "-u", unit.get("User"))
                    .output().strip());
            assertThat(status.get("CapEff")).isEqualTo(UNIT_CAPABILITIES);
            assertThat(status.get("CapBnd")).isEqualTo(UNIT_CAPABILITIES);
            assertThat(status.get("NoNewPrivs")).isEqualTo("1");
            assertThat(Packaging.succeeded(e)).contains("loadavg", "process_detail", "textfile", "filesystem", "uname");
            assertThat(e.value("deb_test_written")).isEqualTo(1.0);
            // CAP_SYS_PTRACE at work: this test's JVM runs as root, and its descriptors are counted
            assertThat(e.value("namedprocess_namegroup_open_filedesc{groupname=\"java_" + ProcessHandle.current().pid()
                    + "\"}")).isPositive();
            for (int i = 0; i < 20; i++) {
                e = Exposition.parse(new HttpTestClient(port).get("/metrics").body());
            }
            Packaging.measured(String.format("deb: RSS %.1f MiB after 21 scrapes (installed launcher, unit's user and capabilities)",
                    e.value("process_resident_memory_bytes") / 1048576));
        } finally {
            exporter.destroy();
            assertThat(exporter.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // SIGTERM: a clean shutdown, with the exit status the unit counts as success
        assertThat(String.valueOf(exporter.exitValue())).isEqualTo(unit.get("SuccessExitStatus"));
        assertThat(Files.readString(log)).contains("Shutting down");
        try (Stream<Path> archives = Files.list(CACHE_DIR)) {
            assertThat(archives).as("the launcher's class-data archive, in the unit's cache directory").isNotEmpty();
        }
    }

    private static Map<String, String> serviceSection(String unitFile) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean inService = false;
        for (String line : unitFile.lines().toList()) {
            if (line.startsWith("[")) {
                inService = line.equals("[Service]");
            } else if (inService && !line.startsWith("#") && line.contains("=")) {
                out.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return out;
    }

    /** systemd's EnvironmentFile=: KEY=VALUE lines, the value optionally in double quotes. */
    private static Map<String, String> environmentFile(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String value = line.substring(line.indexOf('=') + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(line.substring(0, line.indexOf('=')).strip(), value);
        }
        return out;
    }

    /** ExecStart= with systemd's $VAR expansion: an unquoted $VAR becomes its value's words. */
    private static List<String> execStart(String line, Map<String, String> environment) {
        List<String> out = new ArrayList<>();
        for (String word : line.strip().split("\\s+")) {
            if (word.startsWith("$")) {
                String value = environment.getOrDefault(word.substring(1), "");
                if (!value.isBlank()) {
                    out.addAll(List.of(value.strip().split("\\s+")));
                }
            } else {
                out.add(word);
            }
        }
        return out;
    }

    /** "CAP_SYS_PTRACE CAP_DAC_READ_SEARCH" as setpriv takes it: "+sys_ptrace,+dac_read_search". */
    private static String capabilityList(String unitCapabilities) {
        return String.join(",", Stream.of(unitCapabilities.strip().split("\\s+"))
                .map(c -> "+" + c.replaceFirst("^CAP_", "").toLowerCase(java.util.Locale.ROOT)).toList());
    }

    private static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            out.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return out;
    }

    /** Every file, directory, user or group of the package's name on the machine (/var/tmp: others' scratch). */
    private static List<String> leftovers() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>(Packaging.run(Duration.ofMinutes(3), List.of("sh", "-c",
                "find /etc /lib /usr /var /run/systemd -path /var/tmp -prune -o -name '*" + PACKAGE + "*' -print"
                        + " 2>/dev/null; true")).output().lines().toList());
        for (String db : List.of("passwd", "group")) {
            if (Packaging.run("getent", db, PACKAGE).status() == 0) {
                out.add(db + ": " + PACKAGE);
            }
        }
        return out;
    }

    /** dpkg, waiting (bounded) while another dpkg or apt holds its lock. */
    private static void dpkg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg"));
        command.addAll(List.of(args));
        Packaging.Result r = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            r = Packaging.run(Duration.ofMinutes(3), command);
            if (r.status() == 0 || !r.output().contains("lock")) {
                break;
            }
            Thread.sleep(5000);
        }
        r.ok(String.join(" ", command));
    }

    private static void purge() throws Exception {
        if (Packaging.run("dpkg-query", "-W", PACKAGE).status() == 0) {
            dpkg("--purge", PACKAGE);
        }
        // what a run that died before the package was installed (or after a purge that failed) left
        Packaging.run("rm", "-rf", CACHE_DIR.toString());
    }
}
