package org.nodeprocessexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.testsupport.LineDiff;

/**
 * The golden end-to-end test: the whole exporter, every collector enabled by default (and the
 * off-by-default ones that {@link #args()} enables), over the
 * checked-in fixture tree ({@code src/test/resources/fixtures/{proc,sys,rootfs}} and the textfile
 * directory {@code fixtures/textfile}), scraped once over HTTP and compared line by line with
 * {@code src/test/resources/expected/e2e.prom}. Any change to any metric shows up as a unified diff
 * in the failure message.
 *
 * <p><b>Regenerating the expected file</b> after a deliberate change:
 * <pre>mvn -q -B test -Dtest=GoldenEndToEndTest -Dgolden.update=true</pre>
 * rewrites {@code e2e.prom} with what the exporter produces now (the test then passes); review the
 * change with {@code git diff src/test/resources/expected/e2e.prom} before committing it.
 *
 * <p>What reads live state rather than the fixture tree is left out, so the file is the same on
 * every machine and every run:
 * <ul>
 *   <li>collectors switched off: {@code process_detail} (the live processes), {@code time} (the
 *       clock), {@code uname} (the running kernel), {@code timex} (adjtimex(2), the kernel clock
 *       discipline); {@code --web.disable-exporter-metrics} drops the JVM and process metrics;
 *       {@code perf}, off by default, stays off (it counts the running kernel's events);</li>
 *   <li>lines dropped: {@code node_scrape_collector_duration_seconds} (timing) and
 *       {@code node_exporter_build_info} (version, revision, Java version);</li>
 *   <li>values masked as {@value #MASK}, the series kept: the {@code filesystem} collector's
 *       statfs(2) numbers (it mounts nothing; statfs runs on the directories under the fixture
 *       rootfs, i.e. on the disk of the machine running the test) and
 *       {@code node_textfile_mtime_seconds} (the checkout time of the fixture files).</li>
 * </ul>
 */
class GoldenEndToEndTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final Path EXPECTED = Path.of("src/test/resources/expected/e2e.prom");
    static final String MASK = "<varies>";

    private static final Set<String> DROPPED = Set.of("node_scrape_collector_duration_seconds",
            "node_exporter_build_info");
    private static final Set<String> MASKED = Set.of("node_filesystem_avail_bytes", "node_filesystem_free_bytes",
            "node_filesystem_size_bytes", "node_filesystem_files", "node_filesystem_files_free",
            "node_textfile_mtime_seconds");

    static String[] args() {
        return new String[] {
            "--path.procfs=" + FIXTURES.resolve("proc"),
            "--path.sysfs=" + FIXTURES.resolve("sys"),
            "--path.rootfs=" + FIXTURES.resolve("rootfs"),
            "--path.udev.data=" + FIXTURES.resolve("rootfs/run/udev/data"),
            "--collector.textfile.directory=" + FIXTURES.resolve("textfile"),
            "--collector.qdisc", "--collector.qdisc.fixtures=" + FIXTURES.resolve("qdisc"),
            "--collector.wifi", "--collector.wifi.fixtures=" + FIXTURES.resolve("wifi"),
            "--collector.runit", "--collector.runit.servicedir=" + FIXTURES.resolve("runit/service"),
            "--no-collector.process_detail", "--no-collector.time", "--no-collector.uname", "--no-collector.timex",
            "--web.disable-exporter-metrics",
            "--collector.cgroups", "--collector.cpu_vulnerabilities", "--collector.drbd", "--collector.drm",
            "--collector.lnstat", "--collector.nvmesubsystem", "--collector.xfrm",
            "--collector.pcidevice", "--collector.pcidevice.names",
            "--collector.pcidevice.idsfile=" + FIXTURES.resolve("rootfs/usr/share/misc/pci.ids"),
            "--collector.sysctl", "--collector.sysctl.include=net.ipv4.tcp_rmem",
            "--collector.sysctl.include=net.ipv4.tcp_wmem:min,default,max", "--collector.sysctl.include=vm.swappiness",
            "--collector.sysctl.include-info=kernel.seccomp.actions_avail",
            "--collector.mountstats",
            "--collector.buddyinfo", "--collector.interrupts", "--collector.ksmd", "--collector.meminfo_numa",
            "--collector.processes", "--collector.slabinfo", "--collector.softirqs", "--collector.swap",
            "--collector.zoneinfo",
        };
    }

    @Test
    void wholeExporterOverTheFixtureTreeMatchesTheGoldenFile() throws Exception {
        List<String> actual;
        try (RunningExporter exporter = new RunningExporter(args())) {
            actual = stable(exporter.metrics());
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(EXPECTED, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
        }
        List<String> expected = Files.readAllLines(EXPECTED, StandardCharsets.UTF_8);
        String diff = LineDiff.unified(EXPECTED.toString(), expected, "scraped /metrics", actual);
        assertThat(diff).as("the exposition differs from %s; if the change is intended, regenerate it with "
                + "-Dgolden.update=true (see the javadoc)", EXPECTED).isEmpty();
    }

    @Test
    void twoScrapesOfTheSameTreeAreIdenticalAfterFiltering() throws Exception {
        try (RunningExporter exporter = new RunningExporter(args())) {
            assertThat(stable(exporter.metrics())).isEqualTo(stable(exporter.metrics()));
        }
    }

    @Test
    void everyCollectorThatRunsSucceedsOnTheFixtureTree() throws Exception {
        try (RunningExporter exporter = new RunningExporter(args())) {
            Exposition e = Exposition.parse(exporter.metrics());
            assertThat(e.family("node_scrape_collector_success")).isNotEmpty()
                    .allSatisfy((series, value) -> assertThat(value).as(series).isEqualTo(1.0));
        }
    }

    /** The exposition without the lines that differ between runs and machines (see the class doc). */
    static List<String> stable(String exposition) {
        List<String> out = new ArrayList<>();
        for (String line : exposition.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String family = familyOf(line);
            if (DROPPED.contains(family)) {
                continue;
            }
            if (MASKED.contains(family) && !line.startsWith("#")) {
                line = line.substring(0, line.lastIndexOf(' ') + 1) + MASK;
            }
            out.add(line);
        }
        return out;
    }

    private static String familyOf(String line) {
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            int end = line.indexOf(' ', 7);
            return line.substring(7, end < 0 ? line.length() : end);
        }
        int end = 0;
        while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
            end++;
        }
        return line.substring(0, end);
    }
}
