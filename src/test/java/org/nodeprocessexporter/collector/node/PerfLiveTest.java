package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.Main;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.sys.PerfEventAttr;
import org.nodeprocessexporter.sys.PerfEvents;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.web.HttpTestClient;

/** The perf collector on this machine's kernel. */
class PerfLiveTest {
    private static final Path PROC = Path.of("/proc");

    @AfterEach
    void closeCollectors() {
        CollectorHarness.closeAll();
    }

    private static Collector perf(String... args) throws Exception {
        return CollectorHarness.build(PerfCollector.SPEC, PROC, Path.of("/sys"), Path.of("/"), args);
    }

    private static Exposition scrape(Collector c) throws Exception {
        return Exposition.parse(CollectorHarness.scrape(c));
    }

    /** This process's perf event descriptors. */
    private static long perfFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("anon_inode:[perf_event]");
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }

    private static double sum(Exposition e, String family) {
        return e.family(family).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void softwareCountersMoveBetweenTwoScrapesOneDescriptorPerSeries() throws Exception {
        long before = perfFds();
        Collector c = perf();
        Exposition first = scrape(c);
        int cpus = PerfEvents.kernel().usableCpus();
        for (String family : List.of("node_perf_page_faults_total", "node_perf_context_switches_total",
                "node_perf_cpu_migrations_total", "node_perf_minor_faults_total", "node_perf_major_faults_total")) {
            assertThat(first.family(family)).as(family).hasSize(cpus);
        }
        // one descriptor per series: every event the kernel accepted, on every CPU
        assertThat(perfFds() - before).isEqualTo(first.series.size());
        ByteBuffer touched = ByteBuffer.allocateDirect(8 << 20);
        for (int i = 0; i < touched.capacity(); i += 4096) {
            touched.put(i, (byte) 1); // minor faults
        }
        Thread.sleep(20); // a context switch of this thread, at least
        Exposition second = scrape(c);
        for (var s : first.series.entrySet()) {
            assertThat(second.value(s.getKey())).as(s.getKey()).isGreaterThanOrEqualTo(s.getValue());
        }
        assertThat(sum(second, "node_perf_context_switches_total")).isGreaterThan(sum(first, "node_perf_context_switches_total"));
        assertThat(sum(second, "node_perf_page_faults_total") - sum(first, "node_perf_page_faults_total"))
                .isGreaterThanOrEqualTo(touched.capacity() / 4096.0);
        c.close();
        assertThat(perfFds()).isEqualTo(before);
    }

    @Test
    void hardwareCountersWhereThereIsAPmu() throws Exception {
        PerfEvents kernel = PerfEvents.kernel();
        int fd = kernel.open(PerfEventAttr.encode(PerfEventAttr.TYPE_HARDWARE, 0, 3,
                PerfEventAttr.DISABLED | PerfEventAttr.EXCLUDE_HV), 0, -1);
        kernel.close(fd);
        String[] devices = new java.io.File("/sys/bus/event_source/devices").list();
        assumeThat(fd).as("a hardware PMU: perf_event_open(PERF_COUNT_HW_CPU_CYCLES) on cpu 0 fails with "
                + org.nodeprocessexporter.sys.Errno.text(-Math.min(fd, 0)) + "; /sys/bus/event_source/devices has "
                + (devices == null ? "nothing" : String.join(", ", devices))).isGreaterThanOrEqualTo(0);
        Collector c = perf("--collector.perf.disable-software-profilers", "--collector.perf.disable-cache-profilers");
        Exposition first = scrape(c);
        long sum = 0;
        for (int i = 0; i < 10_000_000; i++) {
            sum += i ^ (sum >>> 3);
        }
        Exposition second = scrape(c);
        assertThat(sum).isNotZero();
        assertThat(sum(second, "node_perf_instructions_total")).isGreaterThan(sum(first, "node_perf_instructions_total"));
        assertThat(sum(second, "node_perf_cpucycles_total")).isGreaterThan(sum(first, "node_perf_cpucycles_total"));
    }

    @Test
    void onlyTheEventsTheKernelAcceptsAreOpened() throws Exception {
        Collector c = perf("--collector.perf.cpus=0", "--collector.perf.software-profilers=ContextSwitch",
                "--collector.perf.software-profilers=MajorFault", "--collector.perf.hardware-profilers=CpuCycles",
                "--collector.perf.cache-profilers=LLReadMiss");
        Exposition e = scrape(c);
        List<String> families = new ArrayList<>(e.types.keySet());
        boolean pmu = families.contains("node_perf_cpucycles_total");
        List<String> expected = new ArrayList<>(List.of("node_perf_context_switches_total", "node_perf_major_faults_total"));
        if (pmu) {
            expected.add("node_perf_cpucycles_total");
        }
        assertThat(families).containsAll(expected).allMatch(f -> expected.contains(f)
                || f.equals("node_perf_cache_ll_read_misses_total"));
        assertThat(e.series.keySet()).allMatch(k -> k.endsWith("{cpu=\"0\"}"));
    }

    /**
     * Without CAP_PERFMON, CAP_SYS_ADMIN and a permissive perf_event_paranoid, the kernel refuses
     * every CPU-wide event: root with an empty capability bounding set (setpriv) is refused.
     */
    @Test
    void aRefusingKernelFailsEveryScrapeWithTheReason(@TempDir Path tmp) throws Exception {
        int paranoid = Integer.parseInt(Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).trim());
        assumeThat(paranoid).as("perf_event_paranoid >= 1 (it is " + paranoid + "), or the kernel allows it")
                .isGreaterThanOrEqualTo(1);
        int port = ReferenceBinaries.freePort();
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"));
        cmd.addAll(Child.javaCommand(List.of(), Main.class, "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.perf", "--collector.loadavg"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        try {
            String body = metrics(new HttpTestClient(port), p, tmp.resolve("log"));
            Exposition e = Exposition.parse(body);
            assertThat(e.value("node_scrape_collector_success{collector=\"perf\"}")).isEqualTo(0.0);
            assertThat(e.value("node_scrape_collector_success{collector=\"loadavg\"}")).isEqualTo(1.0);
            assertThat(e.types.keySet()).noneMatch(f -> f.startsWith("node_perf_"));
            assertThat(Files.readString(tmp.resolve("log"))).contains("collector=perf")
                    .contains("perf_event_open refused every event").contains("permission denied")
                    .contains("kernel.perf_event_paranoid is " + paranoid);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String metrics(HttpTestClient http, Process p, Path log) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && p.isAlive()) {
            try {
                return http.get("/metrics").body();
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("exporter did not serve: " + Files.readString(log));
    }
}
