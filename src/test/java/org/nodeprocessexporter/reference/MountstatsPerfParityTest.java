package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.Main;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.web.HttpTestClient;

/**
 * mountstats and perf side by side with node_exporter 1.5, with the same flags on both sides.
 * mountstats over the same fixture tree (NFS cannot be mounted on the development VM, see
 * {@code scripts/capture-fixtures-mountperf.sh}) and over this machine's {@code /proc}; perf over
 * this machine's kernel.
 */
public class MountstatsPerfParityTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    /** node_exporter 1.12 families that 1.5 lacks, and why. */
    static final Map<String, String> MOUNTSTATS_NEW_IN_1_12 = Map.of(
            "node_mountstats_nfs_mountpoint_info", "added by 1.12 (#3554): one series per mount point",
            "node_mountstats_nfs_operations_errors_total", "the per-op error count (Linux 5.3), read since procfs 0.10");

    /** 1.12 labels its transport families with the transport's index (#3358, nconnect); 1.5 does not. */
    static final Set<String> TRANSPORT_FAMILIES = Set.of("node_mountstats_nfs_transport_bind_total",
            "node_mountstats_nfs_transport_connect_total", "node_mountstats_nfs_transport_idle_time_seconds",
            "node_mountstats_nfs_transport_sends_total", "node_mountstats_nfs_transport_receives_total",
            "node_mountstats_nfs_transport_bad_transaction_ids_total",
            "node_mountstats_nfs_transport_backlog_queue_total", "node_mountstats_nfs_transport_maximum_rpc_slots",
            "node_mountstats_nfs_transport_sending_queue_total", "node_mountstats_nfs_transport_pending_queue_total");

    /**
     * A procfs tree with {@code self} a link to a process directory holding {@code files}, as
     * node_exporter needs it (it resolves the link at start-up).
     */
    static Path procWithSelf(Path tmp, Map<String, Path> files) throws Exception {
        Path proc = tmp.resolve("proc");
        Path pid = Files.createDirectories(proc.resolve("4242"));
        for (var f : files.entrySet()) {
            Files.copy(f.getValue(), pid.resolve(f.getKey()));
        }
        Files.createSymbolicLink(proc.resolve("self"), Path.of("4242"));
        return proc;
    }

    /**
     * Every family and series node_exporter 1.5 has, we have with the same type, labels and value,
     * but for the differences of 1.12 listed above; and we add nothing else.
     */
    public static List<String> mountstatsDifferences(SideBySide.Scrapes s) {
        Exposition theirs = s.theirs();
        Exposition ours = s.ours();
        List<String> problems = new ArrayList<>(s.successDifferences());
        for (String family : theirs.types.keySet()) {
            if (!family.startsWith("node_mountstats_")) {
                continue;
            }
            Set<String> expectedLabels = new TreeSet<>(theirs.labelNames.get(family));
            if (TRANSPORT_FAMILIES.contains(family)) {
                expectedLabels.add("transport");
            }
            if (!theirs.types.get(family).equals(ours.types.get(family))
                    || !expectedLabels.equals(ours.labelNames.get(family))) {
                problems.add(family + ": theirs " + theirs.types.get(family) + " " + theirs.labelNames.get(family)
                        + ", ours " + ours.types.get(family) + " " + ours.labelNames.get(family));
                continue;
            }
            Map<String, Double> ourSeries = TRANSPORT_FAMILIES.contains(family)
                    ? s.oursProjected(family, theirs.labelNames.get(family)) : ours.family(family);
            if (!ourSeries.equals(theirs.family(family))) {
                problems.add(family + " differs: theirs " + theirs.family(family) + ", ours " + ourSeries);
            }
        }
        for (String family : ours.types.keySet()) {
            if (family.startsWith("node_mountstats_") && !theirs.types.containsKey(family)
                    && !MOUNTSTATS_NEW_IN_1_12.containsKey(family)) {
                problems.add(family + ": only ours");
            }
        }
        return problems;
    }

    @Test
    void mountstatsOverTheSameFixtureTree(@TempDir Path tmp) throws Exception {
        Path proc = procWithSelf(tmp, Map.of("mountstats", FIXTURES.resolve("handmade/mountstats-1.5"),
                "mountinfo", FIXTURES.resolve("handmade/mountinfo-1.5")));
        SideBySide.Scrapes s = SideBySide.scrape(tmp, "--collector.mountstats", "--path.procfs=" + proc);
        assertThat(s.theirs().value("node_scrape_collector_success{collector=\"mountstats\"}")).isEqualTo(1.0);
        assertThat(s.theirs().types.keySet().stream().filter(f -> f.startsWith("node_mountstats_")))
                .as("node_exporter read the fixture").hasSize(53);
        assertThat(mountstatsDifferences(s)).isEmpty();
        assertThat(s.ours().types).containsKeys(MOUNTSTATS_NEW_IN_1_12.keySet().toArray(String[]::new));
        // four exports (one mounted twice), one series each
        assertThat(s.ours().family("node_mountstats_nfs_age_seconds_total")).hasSize(4);
        assertThat(s.ours().family("node_mountstats_nfs_mountpoint_info")).hasSize(5);
    }

    /** This machine's own mount table, whatever it holds: the same series (none without NFS mounts). */
    @Test
    void mountstatsOverThisMachinesProc(@TempDir Path tmp) throws Exception {
        SideBySide.Scrapes s = SideBySide.scrape(tmp, "--collector.mountstats");
        assertThat(s.theirs().value("node_scrape_collector_success{collector=\"mountstats\"}")).isEqualTo(1.0);
        List<String> problems = mountstatsDifferences(s);
        if (Files.readString(Path.of("/proc/self/mountstats")).contains(" with fstype nfs")) {
            // counters may move between the two scrapes; compare the shapes and that nothing went back
            problems.removeIf(p -> p.contains(" differs: "));
            problems.addAll(s.counterDifferences(1e12, s.theirs().types.keySet().stream()
                    .filter(f -> f.startsWith("node_mountstats_") && f.endsWith("_total")
                            && !TRANSPORT_FAMILIES.contains(f)).toArray(String[]::new)));
        }
        assertThat(problems).isEmpty();
    }

    /**
     * The same perf families and series (per CPU) as node_exporter 1.5 with the flags 1.5 has;
     * values are counts since each exporter opened its counters, so they are not compared here.
     */
    @Test
    void perfFamiliesAndSeriesAsNodeExporter(@TempDir Path tmp) throws Exception {
        for (List<String> flags : List.of(List.of("--collector.perf"), List.of("--collector.perf",
                "--collector.perf.cpus=1"))) {
            SideBySide.Scrapes s = SideBySide.scrape(tmp, flags.toArray(String[]::new));
            assertThat(s.theirs().value("node_scrape_collector_success{collector=\"perf\"}")).isEqualTo(1.0);
            assertThat(s.successDifferences()).isEmpty();
            assertThat(s.shapeDifferences("node_perf_")).isEmpty();
            assertThat(perfSeries(s.ours())).as("flags %s", flags).isEqualTo(perfSeries(s.theirs()))
                    .contains("node_perf_context_switches_total{cpu=\"1\"}");
        }
    }

    private static Set<String> perfSeries(Exposition e) {
        return e.series.keySet().stream().filter(k -> k.startsWith("node_perf_")).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Tracepoints: both exporters in one private mount namespace where tracefs is mounted (1.12
     * looks it up in /proc/mounts) and debugfs (1.5 reads /sys/kernel/debug/tracing), scraped twice
     * each: the same families, series and labels, every counter going forward. The tracepoint
     * families are untyped here, counters without _total upstream (see differences.md).
     */
    @Test
    void perfTracepointsAsNodeExporter(@TempDir Path tmp) throws Exception {
        String filesystems = Files.readString(Path.of("/proc/filesystems"));
        assumeThat(filesystems).as("the kernel has tracefs and debugfs").contains("\ttracefs\n").contains("\tdebugfs\n");
        int theirPort = ReferenceBinaries.freePort();
        int ourPort = ReferenceBinaries.freePort();
        List<String> flags = List.of("--collector.disable-defaults", "--collector.perf",
                "--collector.perf.tracepoint=sched:sched_switch", "--collector.perf.tracepoint=syscalls:sys_enter_read");
        List<String> theirs = new ArrayList<>(List.of(ReferenceBinaries.require(ReferenceBinaries.NODE_EXPORTER).toString(),
                "--web.listen-address=127.0.0.1:" + theirPort));
        theirs.addAll(flags);
        List<String> ours = new ArrayList<>(flags);
        ours.add("--web.listen-address=127.0.0.1:" + ourPort);
        String script = "mount -t tracefs tracefs /sys/kernel/tracing && mount -t debugfs debugfs /sys/kernel/debug || exit 97\n"
                + quoted(theirs) + " > " + tmp.resolve("ne.log") + " 2>&1 &\n"
                + quoted(Child.javaCommand(List.of(), Main.class, ours.toArray(String[]::new))) + " > "
                + tmp.resolve("ours.log") + " 2>&1 &\nwait\n";
        Process ns = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("ns.log").toFile()).start();
        try {
            HttpTestClient their = new HttpTestClient(theirPort);
            HttpTestClient our = new HttpTestClient(ourPort);
            Exposition theirFirst = Exposition.parse(serving(their, ns, tmp));
            Exposition ourFirst = Exposition.parse(serving(our, ns, tmp));
            Exposition theirSecond = Exposition.parse(their.get("/metrics").body());
            Exposition ourSecond = Exposition.parse(our.get("/metrics").body());
            for (Exposition e : List.of(theirFirst, ourFirst)) {
                assertThat(e.value("node_scrape_collector_success{collector=\"perf\"}")).isEqualTo(1.0);
            }
            Set<String> tracepoints = Set.of("node_perf_sched_sched_switch", "node_perf_syscalls_sys_enter_read");
            for (String family : theirFirst.types.keySet()) {
                if (family.startsWith("node_perf_")) {
                    assertThat(ourFirst.types.get(family)).as(family)
                            .isEqualTo(tracepoints.contains(family) ? "untyped" : theirFirst.types.get(family));
                    assertThat(ourFirst.labelNames.get(family)).as(family).isEqualTo(theirFirst.labelNames.get(family));
                }
            }
            assertThat(perfSeries(ourFirst)).isEqualTo(perfSeries(theirFirst)).contains("node_perf_sched_sched_switch{cpu=\"0\"}");
            for (Exposition[] side : new Exposition[][] {{theirFirst, theirSecond}, {ourFirst, ourSecond}}) {
                for (String key : perfSeries(side[0])) {
                    assertThat(side[1].value(key)).as(key).isGreaterThanOrEqualTo(side[0].value(key));
                }
                assertThat(side[1].family("node_perf_sched_sched_switch").values().stream().mapToDouble(d -> d).sum())
                        .isGreaterThan(side[0].family("node_perf_sched_sched_switch").values().stream()
                                .mapToDouble(d -> d).sum());
            }
        } finally {
            ns.descendants().forEach(ProcessHandle::destroy);
            ns.waitFor(20, TimeUnit.SECONDS);
            ns.destroyForcibly();
        }
    }

    private static String serving(HttpTestClient http, Process ns, Path tmp) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && ns.isAlive()) {
            try {
                var r = http.get("/metrics");
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("not serving: " + Files.readString(tmp.resolve("ns.log")) + "\n"
                + (Files.exists(tmp.resolve("ne.log")) ? Files.readString(tmp.resolve("ne.log")) : "") + "\n"
                + (Files.exists(tmp.resolve("ours.log")) ? Files.readString(tmp.resolve("ours.log")) : ""));
    }

    private static String quoted(List<String> args) {
        return args.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }
}
