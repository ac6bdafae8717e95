package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.procfs.Fields;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.ThreadChild;

/**
 * The procmem collectors against this machine's /proc and /sys, checked with what the test reads
 * itself (split by hand, not by the readers under test): counters between a read before and one
 * after the scrape, fixed values equal. processes runs in a PID namespace of its own, where the
 * only process is a child whose threads the test adds; swap over a swap file the test turns on.
 */
class ProcMemLiveTest {
    @AfterEach
    void closeCollectors() {
        CollectorHarness.closeAll();
    }

    private static Exposition scrape(CollectorSpec spec, String... args) throws Exception {
        return Exposition.parse(CollectorHarness.scrape(live(spec, Path.of("/proc"), args)));
    }

    private static Collector live(CollectorSpec spec, Path proc, String... args) throws Exception {
        return CollectorHarness.build(spec, proc, Path.of("/sys"), Path.of("/"), args);
    }

    /** /proc/interrupts as series keys of node_interrupts_total to counts, split here by hand. */
    private static Map<String, Double> interruptsByHand() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/interrupts"));
        int cpus = lines.get(0).trim().split("\\s+").length;
        Map<String, Double> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length <= cpus) {
                continue; // ERR, MIS
            }
            boolean numbered = name.matches("[0-9]+");
            String info = numbered ? f[cpus] : String.join(" ", List.of(f).subList(cpus, f.length));
            String devices = numbered ? String.join(" ", List.of(f).subList(cpus + 1, f.length)) : "";
            for (int cpu = 0; cpu < cpus; cpu++) {
                out.put(Exposition.key("node_interrupts_total",
                        Map.of("cpu", "" + cpu, "type", name, "info", info, "devices", devices)), Double.valueOf(f[cpu]));
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface ByHand {
        Map<String, Double> read() throws Exception;
    }

    /** Our series of the family, keyed as the file read by hand before and after; each between the two. */
    private static Map<String, Double> betweenTwoReads(ByHand byHand, CollectorSpec spec, String family)
            throws Exception {
        Map<String, Double> before = byHand.read();
        Map<String, Double> ours = scrape(spec).family(family);
        Map<String, Double> after = byHand.read();
        assertThat(ours.keySet()).isEqualTo(before.keySet()).isNotEmpty();
        ours.forEach((k, v) -> assertThat(v).as(k).isBetween(before.get(k), after.get(k)));
        return ours;
    }

    @Test
    void interruptsLieBetweenTwoReadsOfTheFile() throws Exception {
        betweenTwoReads(ProcMemLiveTest::interruptsByHand, InterruptsCollector.SPEC, "node_interrupts_total");
    }

    private static Map<String, Double> softirqsByHand() throws Exception {
        Map<String, Double> out = new HashMap<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/softirqs"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            for (int cpu = 1; cpu < f.length; cpu++) {
                out.put(Exposition.key("node_softirqs_functions_total",
                        Map.of("cpu", "" + (cpu - 1), "type", f[0].replace(":", ""))), Double.valueOf(f[cpu]));
            }
        }
        return out;
    }

    @Test
    void softirqsLieBetweenTwoReadsOfTheFile() throws Exception {
        assertThat(betweenTwoReads(ProcMemLiveTest::softirqsByHand, SoftirqsCollector.SPEC,
                "node_softirqs_functions_total")).hasSize(10 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void zoneSizesAndWatermarksAreTheFilesAndBuddyinfoHasItsZones() throws Exception {
        Exposition zoneinfo = scrape(ZoneinfoCollector.SPEC);
        Map<String, Double> spanned = new HashMap<>();
        String labels = null;
        for (String line : Files.readAllLines(Path.of("/proc/zoneinfo"))) {
            String[] f = line.trim().split("[\\s,]+");
            if (line.startsWith("Node ")) {
                labels = "{node=\"" + f[1] + "\",zone=\"" + f[3] + "\"}";
            } else if (f[0].equals("spanned") || f[0].equals("present") || f[0].equals("managed")) {
                spanned.put("node_zoneinfo_" + f[0] + "_pages" + labels, Double.valueOf(f[1]));
            }
        }
        assertThat(spanned).isNotEmpty();
        spanned.forEach((k, v) -> assertThat(zoneinfo.value(k)).as(k).isEqualTo(v));

        TreeSet<String> zones = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/buddyinfo"))) {
            String[] f = line.trim().split("[\\s,]+");
            for (int order = 0; order < f.length - 4; order++) {
                zones.add("node_buddyinfo_blocks{node=\"" + f[1] + "\",size=\"" + order + "\",zone=\"" + f[3] + "\"}");
            }
        }
        assertThat(new TreeSet<>(scrape(BuddyinfoCollector.SPEC).family("node_buddyinfo_blocks").keySet()))
                .isEqualTo(zones);
    }

    @Test
    void slabSizesAreTheFilesAsRoot() throws Exception {
        Map<String, Double> sizes = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/slabinfo"))) {
            if (!line.startsWith("slabinfo") && !line.startsWith("#")) {
                String[] f = line.split("\\s+");
                sizes.put("node_slabinfo_object_size_bytes{slab=\"" + f[0] + "\"}", Double.valueOf(f[3]));
            }
        }
        Map<String, Double> ours = scrape(SlabinfoCollector.SPEC).family("node_slabinfo_object_size_bytes");
        assertThat(ours).hasSizeGreaterThan(50);
        // caches come and go (a module, a new cgroup): compare the ones both reads have
        ours.forEach((k, v) -> {
            if (sizes.containsKey(k)) {
                assertThat(v).as(k).isEqualTo(sizes.get(k));
            }
        });
        assertThat(ours.keySet()).filteredOn(sizes::containsKey).hasSizeGreaterThan(ours.size() * 9 / 10);
    }

    @Test
    void ksmSettingsAndNodeMemoryAreTheFiles() throws Exception {
        Exposition ksmd = scrape(KsmdCollector.SPEC);
        Path ksm = Path.of("/sys/kernel/mm/ksm");
        assertThat(ksmd.value("node_ksmd_pages_to_scan")).isEqualTo(Double.valueOf(Files.readString(ksm.resolve(
                "pages_to_scan")).trim()));
        assertThat(ksmd.value("node_ksmd_sleep_seconds"))
                .isEqualTo(Double.parseDouble(Files.readString(ksm.resolve("sleep_millisecs")).trim()) / 1000);
        assertThat(ksmd.value("node_ksmd_run")).isEqualTo(Double.valueOf(Files.readString(ksm.resolve("run")).trim()));

        Exposition numa = scrape(MeminfoNumaCollector.SPEC);
        String first = Files.readAllLines(Path.of("/sys/devices/system/node/node0/meminfo")).get(0);
        assertThat(first).contains("MemTotal:");
        assertThat(numa.value("node_memory_numa_MemTotal{node=\"0\"}"))
                .isEqualTo(Double.parseDouble(first.trim().split("\\s+")[3]) * 1024);
        assertThat(numa.value("node_memory_numa_numa_hit_total{node=\"0\"}")).isPositive();
    }

    @Test
    void aSwapFileTurnedOnShowsWithItsSizeAndPriority(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("swapfile");
        Files.write(file, new byte[8 << 20]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        run("mkswap", file.toString());
        String key = "{device=\"" + file + "\",swap_type=\"file\"}";
        assertThat(scrape(SwapCollector.SPEC).value("node_swap_size_bytes" + key)).isNull();
        run("swapon", "--priority", "7", file.toString());
        Exposition e;
        String line;
        try {
            e = scrape(SwapCollector.SPEC);
            line = Files.readAllLines(Path.of("/proc/swaps")).stream().filter(l -> l.startsWith(file + " "))
                    .findFirst().orElseThrow();
        } finally {
            run("swapoff", file.toString());
        }
        String[] f = line.trim().split("\\s+");
        assertThat(e.value("node_swap_size_bytes" + key)).isEqualTo(Double.parseDouble(f[2]) * 1024)
                .isBetween(7.0 * (1 << 20), 8.0 * (1 << 20));
        assertThat(e.value("node_swap_used_bytes" + key)).isGreaterThanOrEqualTo(0);
        assertThat(e.value("node_swap_priority" + key)).isEqualTo(7.0);
    }

    private static void run(String... command) throws Exception {
        ReferenceBinaries.CommandResult r = ReferenceBinaries.run(List.of(command), null);
        assertThat(r.status()).as(String.join(" ", command) + ": " + r.output()).isZero();
    }

    @Test
    void processesInAPidNamespaceCountItsOneProcessAndTheThreadsItAdds() throws Exception {
        try (Child child = Child.wrapped(List.of("unshare", "--pid", "--fork", "--mount-proc", "--"),
                List.of("-XX:-UseDynamicNumberOfCompilerThreads"), ThreadChild.class)) {
            // the child's JVM is unshare's child; its /proc is the namespace's own
            String jvm = Files.readString(Path.of("/proc/" + child.pid + "/task/" + child.pid + "/children")).trim();
            Path proc = Path.of("/proc", jvm, "root", "proc");
            Collector processes = live(ProcessesCollector.SPEC, proc);
            Exposition first = Exposition.parse(CollectorHarness.scrape(processes));
            assertThat(first.value("node_processes_pids")).isEqualTo(1.0);
            double threads = first.value("node_processes_threads");
            assertThat(threads).isEqualTo(Double.valueOf(status(proc, "Threads")));
            assertThat(sum(first.family("node_processes_threads_state"))).isEqualTo(threads);
            assertThat(first.value("node_processes_max_threads"))
                    .isEqualTo(Fields.readNumber(proc.resolve("sys/kernel/threads-max"))); // a sysctl: not Files.readString

            assertThat(child.ask("add 5")).isEqualTo("ok");
            Exposition second = Exposition.parse(CollectorHarness.scrape(processes));
            assertThat(second.value("node_processes_pids")).isEqualTo(1.0);
            assertThat(second.value("node_processes_threads")).isEqualTo(threads + 5);
            assertThat(sum(second.family("node_processes_threads_state"))).isEqualTo(threads + 5);
            assertThat(second.value("node_processes_threads_state{thread_state=\"S\"}"))
                    .isGreaterThanOrEqualTo(5.0);
            assertThat(second.family("node_processes_state")).hasSize(1);
        }
    }

    private static String status(Path proc, String field) throws Exception {
        return Files.readAllLines(proc.resolve("1/status")).stream().filter(l -> l.startsWith(field + ":"))
                .findFirst().orElseThrow().split("\\s+")[1];
    }

    private static double sum(Map<String, Double> family) {
        return family.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
