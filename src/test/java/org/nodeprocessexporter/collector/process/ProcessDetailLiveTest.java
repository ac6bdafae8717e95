package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.LiveChild;

/** process_detail on this machine's /proc, against children whose properties the test knows. */
class ProcessDetailLiveTest {
    private static final Path PROC = Path.of("/proc");

    @org.junit.jupiter.api.AfterEach
    void closeCollectors() {
        CollectorHarness.closeAll();
    }

    private static Collector collector(String... flags) throws Exception {
        return CollectorHarness.build(ProcessDetailCollector.SPEC, PROC, Path.of("/sys"), Path.of("/"), flags);
    }

    private static Exposition scrape(Collector c) throws Exception {
        return Exposition.parse(CollectorHarness.scrape(c));
    }

    private static String[] statFields(long pid) throws Exception {
        String stat = Files.readString(PROC.resolve(pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** VmRSS of /proc/pid/status in bytes: what resident memory is read from (stat's rss is approximate on 6.2+ kernels). */
    private static double vmRss(long pid) throws Exception {
        String line = Files.readAllLines(PROC.resolve(pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .findFirst().orElseThrow();
        return Double.parseDouble(line.substring(6).trim().split("\\s+")[0]) * 1024;
    }

    private static String g(String group) {
        return "groupname=\"" + group.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void everyFamilyForAChildWithKnownThreadsMemoryAndFiles() throws Exception {
        Collector c = collector();
        try (Child child = Child.java(LiveChild.class, "pd-live", "7", "48", "20")) {
            String group = "pd-live_" + child.pid;
            String before = String.join(" ", statFields(child.pid));
            long fdsBefore = Files.list(PROC.resolve(child.pid + "/fd")).count();
            double rssBefore = vmRss(child.pid);
            Exposition e = scrape(c);
            String[] after = statFields(child.pid);
            double rssAfter = vmRss(child.pid);
            long fdsAfter = Files.list(PROC.resolve(child.pid + "/fd")).count();
            String[] stat = before.split(" ");
            String label = "{" + g(group) + "}";

            assertThat(e.value("namedprocess_namegroup_num_procs" + label)).isEqualTo(1.0);
            assertThat(e.value("namedprocess_namegroup_pid" + label)).isEqualTo((double) child.pid);
            // stat fields after ")": [0]=state [1]=ppid ... [7]=minflt [9]=majflt [11]=utime [12]=stime
            // [17]=num_threads [19]=starttime [20]=vsize [21]=rss
            double threads = e.value("namedprocess_namegroup_num_threads" + label);
            assertThat(threads).isIn(Double.parseDouble(stat[17]), Double.parseDouble(after[17]));
            assertThat(threads).isGreaterThanOrEqualTo(7 + 2);
            double statesSum = 0;
            for (String s : List.of("Running", "Sleeping", "Waiting", "Zombie", "Other")) {
                Double v = e.value("namedprocess_namegroup_states{" + g(group) + ",state=\"" + s + "\"}");
                assertThat(v).as("state " + s).isNotNull();
                statesSum += v;
            }
            assertThat(statesSum).isEqualTo(threads);
            assertThat(e.value("namedprocess_namegroup_open_filedesc" + label))
                    .isBetween((double) Math.min(fdsBefore, fdsAfter), (double) Math.max(fdsBefore, fdsAfter))
                    .isGreaterThanOrEqualTo(20);
            String limits = Files.readString(PROC.resolve(child.pid + "/limits"));
            String soft = limits.lines().filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow()
                    .substring(26).trim().split("\\s+")[0];
            assertThat(e.value("namedprocess_namegroup_worst_fd_ratio" + label))
                    .isCloseTo(e.value("namedprocess_namegroup_open_filedesc" + label) / Double.parseDouble(soft),
                            within(1e-9));

            String me = ReferenceBinaries.run(List.of("id", "-un"), null).output().strip();
            assertThat(e.value("namedprocess_namegroup_effective_username{" + g(group) + ",username=\"" + me + "\"}"))
                    .isEqualTo(1.0);

            double resident = e.value("namedprocess_namegroup_memory_bytes{" + g(group) + ",memtype=\"resident\"}");
            assertThat(resident).isBetween(Math.min(rssBefore, rssAfter), Math.max(rssBefore, rssAfter));
            assertThat(resident).isGreaterThan(48.0 * 1024 * 1024);
            assertThat(e.value("namedprocess_namegroup_memory_bytes{" + g(group) + ",memtype=\"virtual\"}"))
                    .isBetween(Double.parseDouble(stat[20]), Double.parseDouble(after[20]) + 1);
            double pss = e.value("namedprocess_namegroup_memory_bytes{" + g(group) + ",memtype=\"proportionalResident\"}");
            assertThat(pss).isGreaterThan(40.0 * 1024 * 1024).isLessThanOrEqualTo(resident * 1.1);
            assertThat(e.value("namedprocess_namegroup_memory_bytes{" + g(group) + ",memtype=\"swapped\"}")).isNotNull();
            assertThat(e.value("namedprocess_namegroup_memory_bytes{" + g(group) + ",memtype=\"proportionalSwapped\"}"))
                    .isNotNull();

            long tick = Long.parseLong(ReferenceBinaries.run(List.of("getconf", "CLK_TCK"), null).output().strip());
            double user = e.value("namedprocess_namegroup_cpu_seconds_total{" + g(group) + ",mode=\"user\"}");
            assertThat(user).isBetween(Double.parseDouble(stat[11]) / tick, Double.parseDouble(after[11]) / tick);
            assertThat(e.value("namedprocess_namegroup_minor_page_faults_total" + label))
                    .isBetween(Double.parseDouble(stat[7]), Double.parseDouble(after[7]));
            assertThat(e.value("namedprocess_namegroup_major_page_faults_total" + label)).isNotNull();
            double boot = Files.readAllLines(PROC.resolve("stat")).stream().filter(l -> l.startsWith("btime "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(6))).findFirst().orElseThrow();
            assertThat(e.value("namedprocess_namegroup_oldest_start_time_seconds" + label))
                    .isCloseTo(boot + Double.parseDouble(stat[19]) / tick, within(1e-6));
            String io = Files.readString(PROC.resolve(child.pid + "/io"));
            assertThat(e.value("namedprocess_namegroup_read_bytes_total" + label)).isNotNull();
            assertThat(io).contains("read_bytes:");
            assertThat(e.value("namedprocess_namegroup_context_switches_total{ctxswitchtype=\"voluntary\"," + g(group) + "}"))
                    .isGreaterThan(0);

            child.stop();
            Exposition gone = scrape(c);
            assertThat(gone.series.keySet()).noneMatch(k -> k.contains(g(group)));
        }
    }

    @Test
    void aWeirdCommIsParsedAndEscaped(@TempDir Path dir) throws Exception {
        Collector c = collector();
        try (Child child = Child.renamed(dir, "/bin/sleep", "a) (b c", "60")) {
            String text = CollectorHarness.scrape(c);
            assertThat(text).contains("namedprocess_namegroup_num_procs{groupname=\"a) (b c_" + child.pid + "\"} 1");
            Exposition e = Exposition.parse(text);
            assertThat(e.value("namedprocess_namegroup_num_threads{groupname=\"a) (b c_" + child.pid + "\"}"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void aReusedGroupNameNeverGoesBackwardsWhenAMemberExits(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("names.yml");
        Files.writeString(config, """
                process_names:
                  - name: "pd-group"
                    comm: [pd-member]
                """);
        Collector c = collector("--collector.process_detail.config.path=" + config);
        try (Child a = Child.java(LiveChild.class, "pd-member", "1", "1", "0");
             Child b = Child.java(LiveChild.class, "pd-member", "1", "1", "0")) {
            Exposition both = scrape(c);
            assertThat(both.value("namedprocess_namegroup_num_procs{groupname=\"pd-group\"}")).isEqualTo(2.0);
            double cpuBoth = both.value("namedprocess_namegroup_cpu_seconds_total{groupname=\"pd-group\",mode=\"user\"}");
            double faultsBoth = both.value("namedprocess_namegroup_minor_page_faults_total{groupname=\"pd-group\"}");
            double oldest = Math.min(a.pid, b.pid);
            assertThat(both.value("namedprocess_namegroup_pid{groupname=\"pd-group\"}")).isIn((double) a.pid, (double) b.pid);
            a.stop();
            Exposition one = scrape(c);
            assertThat(one.value("namedprocess_namegroup_num_procs{groupname=\"pd-group\"}")).isEqualTo(1.0);
            assertThat(one.value("namedprocess_namegroup_pid{groupname=\"pd-group\"}")).isEqualTo((double) b.pid);
            assertThat(one.value("namedprocess_namegroup_cpu_seconds_total{groupname=\"pd-group\",mode=\"user\"}"))
                    .isGreaterThanOrEqualTo(cpuBoth);
            assertThat(one.value("namedprocess_namegroup_minor_page_faults_total{groupname=\"pd-group\"}"))
                    .isGreaterThanOrEqualTo(faultsBoth);
            assertThat(oldest).isPositive();
            b.stop();
            // process-exporter's semantics: the named group stays, empty, its counters where b left them
            Exposition none = scrape(c);
            assertThat(none.value("namedprocess_namegroup_num_procs{groupname=\"pd-group\"}")).isEqualTo(0.0);
            for (String counter : List.of("cpu_seconds_total{groupname=\"pd-group\",mode=\"user\"}",
                    "cpu_seconds_total{groupname=\"pd-group\",mode=\"system\"}",
                    "minor_page_faults_total{groupname=\"pd-group\"}",
                    "context_switches_total{ctxswitchtype=\"voluntary\",groupname=\"pd-group\"}")) {
                assertThat(none.value("namedprocess_namegroup_" + counter)).as(counter)
                        .isEqualTo(one.value("namedprocess_namegroup_" + counter));
            }
            assertThat(none.value("namedprocess_namegroup_memory_bytes{groupname=\"pd-group\",memtype=\"resident\"}"))
                    .isEqualTo(0.0);
            assertThat(none.family("namedprocess_namegroup_pid")).doesNotContainKey("namedprocess_namegroup_pid{groupname=\"pd-group\"}");
            // nothing else on the host matches the rule, so nothing else is exported
            assertThat(none.family("namedprocess_namegroup_num_procs")).hasSize(1);
        }
    }

    /**
     * Thread ids are remembered while the number of threads stays the same; a thread replaced by
     * another between two scrapes (same count, other id) must still be counted once in states,
     * and its context switches kept.
     */
    @Test
    void aThreadReplacedBetweenScrapesIsCountedOnceAndItsSwitchesKept() throws Exception {
        // no compiler threads coming and going in the child: its thread count changes only by the swap
        try (Child child = Child.wrapped(List.of(), List.of("-XX:-UseDynamicNumberOfCompilerThreads"),
                LiveChild.class, "pd-swap", "4", "1", "0")) {
            Collector c = collector();
            String label = "{" + g("pd-swap_" + child.pid) + "}";
            scrape(c);
            Exposition before = scrape(c); // the thread ids are remembered from here on
            assertThat(child.ask("swap")).isEqualTo("swapped worker-0");
            Exposition after = scrape(c);
            for (Exposition e : List.of(before, after)) {
                double threads = e.value("namedprocess_namegroup_num_threads" + label);
                double states = e.family("namedprocess_namegroup_states").entrySet().stream()
                        .filter(en -> en.getKey().contains(g("pd-swap_" + child.pid)))
                        .mapToDouble(Map.Entry::getValue).sum();
                assertThat(states).isEqualTo(threads);
            }
            for (String type : List.of("voluntary", "nonvoluntary")) {
                String key = "namedprocess_namegroup_context_switches_total{ctxswitchtype=\"" + type + "\","
                        + g("pd-swap_" + child.pid) + "}";
                assertThat(after.value(key)).isGreaterThanOrEqualTo(before.value(key));
            }
        }
    }

    /**
     * The status of a thread that has not run since the last scrape is not read again (its
     * schedstat says so); one that ran must have its new context switches counted.
     */
    @Test
    void theSwitchesOfAThreadThatRanAgainAreCounted() throws Exception {
        try (Child child = Child.wrapped(List.of(), List.of("-XX:-UseDynamicNumberOfCompilerThreads"),
                LiveChild.class, "pd-work", "3", "1", "0")) {
            Collector c = collector();
            String key = "namedprocess_namegroup_context_switches_total{ctxswitchtype=\"voluntary\","
                    + g("pd-work_" + child.pid) + "}";
            scrape(c);
            Exposition before = scrape(c); // idle workers: their statuses are skipped from here on
            Exposition idle = scrape(c);
            assertThat(idle.value(key)).isGreaterThanOrEqualTo(before.value(key));
            assertThat(child.ask("work 100")).isEqualTo("worked 100");
            Exposition after = scrape(c);
            long kernel = 0;
            try (var tasks = Files.list(PROC.resolve(child.pid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    kernel += Files.readAllLines(task.resolve("status")).stream()
                            .filter(l -> l.startsWith("voluntary_ctxt_switches:"))
                            .mapToLong(l -> Long.parseLong(l.substring(24).trim())).sum();
                }
            }
            assertThat(after.value(key)).isGreaterThanOrEqualTo(idle.value(key) + 100).isLessThanOrEqualTo(kernel);
        }
    }

    @Test
    void perThreadMetricsOnlyWithTheFlag() throws Exception {
        try (Child child = Child.java(LiveChild.class, "pd-threads", "3", "1", "0")) {
            String group = "pd-threads_" + child.pid;
            Exposition off = scrape(collector());
            assertThat(off.types).doesNotContainKey("namedprocess_namegroup_thread_count");
            var threads = collector("--collector.process_detail.threads");
            // The child JVM starts and ends compiler threads of its own, so a scrape may see its
            // task list and its status at different thread counts; one of five must agree.
            double all = -1;
            double numThreads = -2;
            for (int attempt = 0; attempt < 5 && all != numThreads; attempt++) {
                Exposition on = scrape(threads);
                Map<String, Double> counts = on.family("namedprocess_namegroup_thread_count");
                double workers = counts.entrySet().stream().filter(en -> en.getKey().contains(g(group))
                        && en.getKey().contains("threadname=\"worker-")).mapToDouble(Map.Entry::getValue).sum();
                assertThat(workers).isEqualTo(3.0);
                all = counts.entrySet().stream().filter(en -> en.getKey().contains(g(group)))
                        .mapToDouble(Map.Entry::getValue).sum();
                numThreads = on.value("namedprocess_namegroup_num_threads{" + g(group) + "}");
            }
            assertThat(all).isEqualTo(numThreads);
        }
    }

    /**
     * process-exporter's threads_wchan, with --threads: each sleeping thread counted once, by the
     * kernel function it waits in, as its wchan file says; none without the flag.
     */
    @Test
    void threadsWchanCountsSleepingThreadsByTheirWaitChannel(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("names.yml");
        Files.writeString(config, "process_names:\n  - name: pd-wchan\n    comm: [pd-wchan]\n");
        List<Child> sleepers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                sleepers.add(Child.renamed(Files.createDirectory(dir.resolve("d" + i)), "/bin/sleep", "pd-wchan", "60"));
            }
            String wchan = "";
            long until = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < until) { // until all three are asleep
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (Child c : sleepers) {
                    seen.add(Files.readString(PROC.resolve(c.pid + "/wchan")));
                }
                wchan = seen.iterator().next();
                if (seen.size() == 1 && !wchan.equals("0")) {
                    break;
                }
                Thread.sleep(10);
            }
            assertThat(wchan).isNotEqualTo("0");
            Exposition on = scrape(collector("--collector.process_detail.config.path=" + config,
                    "--collector.process_detail.threads"));
            assertThat(on.family("namedprocess_namegroup_threads_wchan"))
                    .containsExactly(Map.entry("namedprocess_namegroup_threads_wchan{groupname=\"pd-wchan\",wchan=\""
                            + wchan + "\"}", 3.0));
            Exposition off = scrape(collector("--collector.process_detail.config.path=" + config));
            assertThat(off.types).doesNotContainKey("namedprocess_namegroup_threads_wchan");
        } finally {
            for (Child c : sleepers) {
                c.close();
            }
        }
    }

    @Test
    void anUnnamedChildJoinsItsNamedParentsGroupUnlessChildrenIsOff(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("names.yml");
        Files.writeString(config, "process_names:\n  - name: pd-family\n    comm: [pd-parent]\n");
        try (Child parent = Child.renamed(dir, "/bin/sh", "pd-parent", "-c", "sleep 60 & sleep 60 & wait")) {
            long until = System.nanoTime() + 10_000_000_000L;
            Path children = Path.of("/proc/" + parent.pid + "/task/" + parent.pid + "/children");
            while (Files.readString(children).trim().split("\\s+").length < 2 && System.nanoTime() < until) {
                Thread.sleep(10); // until the shell has started its two children
            }
            Exposition with = scrape(collector("--collector.process_detail.config.path=" + config));
            assertThat(with.value("namedprocess_namegroup_num_procs{groupname=\"pd-family\"}")).isEqualTo(3.0);
            assertThat(with.value("namedprocess_namegroup_pid{groupname=\"pd-family\"}")).isEqualTo((double) parent.pid);
            Exposition without = scrape(collector("--collector.process_detail.config.path=" + config,
                    "--no-collector.process_detail.children"));
            assertThat(without.value("namedprocess_namegroup_num_procs{groupname=\"pd-family\"}")).isEqualTo(1.0);
        }
    }

    @Test
    void anIdleProcessKeepsItsCountersUntilItRunsThenHasThemRead(@TempDir Path dir) throws Exception {
        // a shell that burns CPU on each number it reads, and otherwise sleeps in read(2)
        try (Child sh = Child.renamed(dir, "/bin/sh", "pd-idle", "-c",
                "while read n; do i=0; while [ $i -lt $n ]; do i=$((i+1)); done; done")) {
            Collector c = collector();
            String group = g("pd-idle_" + sh.pid);
            long tick = Long.parseLong(ReferenceBinaries.run(List.of("getconf", "CLK_TCK"), null).output().strip());
            scrape(c);
            Exposition idle = scrape(c); // nothing ran: stat and io are not read again
            String[] stat = statFields(sh.pid);
            assertThat(idle.value("namedprocess_namegroup_cpu_seconds_total{" + group + ",mode=\"user\"}"))
                    .isEqualTo(Double.parseDouble(stat[11]) / tick);

            long busyUntil = Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + 5;
            sh.process.getOutputStream().write("300000\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sh.process.getOutputStream().flush();
            String[] now = statFields(sh.pid);
            long until = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < until) { // until it burnt some CPU and waits on its stdin again
                Thread.sleep(50);
                String[] again = statFields(sh.pid);
                boolean done = again[0].equals("S") && Long.parseLong(again[11]) + Long.parseLong(again[12]) >= busyUntil
                        && String.join(" ", again).equals(String.join(" ", now));
                now = again;
                if (done) {
                    break;
                }
            }
            assertThat(Long.parseLong(now[11]) + Long.parseLong(now[12])).isGreaterThanOrEqualTo(busyUntil);
            Exposition after = scrape(c);
            assertThat(after.value("namedprocess_namegroup_cpu_seconds_total{" + group + ",mode=\"user\"}"))
                    .isEqualTo(Double.parseDouble(now[11]) / tick);
            assertThat(after.value("namedprocess_namegroup_cpu_seconds_total{" + group + ",mode=\"system\"}"))
                    .isEqualTo(Double.parseDouble(now[12]) / tick);
            assertThat(after.value("namedprocess_namegroup_minor_page_faults_total{" + group + "}"))
                    .isEqualTo(Double.parseDouble(now[7]));
        }
    }

    @Test
    void theHandlesOfProcessesThatExitedAreGivenBack() throws Exception {
        ProcessDetailCollector c = (ProcessDetailCollector) collector();
        scrape(c);
        int base = org.nodeprocessexporter.procfs.ProcDir.handlesInUse() - handles(c.tracker());
        for (int round = 0; round < 3; round++) {
            List<Process> sleepers = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sleepers.add(new ProcessBuilder("sleep", "60").start());
            }
            scrape(c);
            int held = handles(c.tracker());
            assertThat(held).isGreaterThanOrEqualTo(10);
            assertThat(org.nodeprocessexporter.procfs.ProcDir.handlesInUse() - base).isEqualTo(held);
            for (Process p : sleepers) {
                p.destroy();
                p.waitFor();
            }
            scrape(c);
            for (Process p : sleepers) {
                assertThat(c.tracker().processes()).noneMatch(t -> t.pid == p.pid());
            }
            assertThat(org.nodeprocessexporter.procfs.ProcDir.handlesInUse() - base).isEqualTo(handles(c.tracker()));
        }
        int before = org.nodeprocessexporter.procfs.ProcDir.handlesInUse();
        int own = handles(c.tracker());
        c.close();
        assertThat(handles(c.tracker())).isZero();
        assertThat(org.nodeprocessexporter.procfs.ProcDir.handlesInUse()).isEqualTo(before - own);
    }

    private static int handles(ProcessTracker t) {
        int n = 0;
        for (TrackedProcess p : t.processes()) {
            n += p.proc.hasHandle() ? 1 : 0;
        }
        return n;
    }
}
