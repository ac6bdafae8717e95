package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.sys.PerfEventAttr;
import org.nodeprocessexporter.sys.PerfEvents;

/** The perf collector over a kernel played by the test: what it opens, reads, reports and closes. */
class PerfCollectorTest {

    /** One perf_event_open call as the kernel got it. */
    record Opened(int type, long config, long readFormat, long flags, int cpu, int groupFd) {
    }

    /** Counts every event as 1000 * (cpu + 1) + 10 * config + the number of reads so far. */
    static final class FakeKernel implements PerfEvents {
        final Map<Integer, Opened> open = new LinkedHashMap<>();
        final List<Opened> all = new ArrayList<>();
        final List<Integer> enabled = new ArrayList<>();
        /** -errno for an open to refuse, 0 to allow. */
        ToIntFunction<Opened> refuse = o -> 0;
        ToIntFunction<Opened> readError = o -> 0;
        int cpus = 2;
        private int next = 100;
        private int reads;

        @Override
        public int open(ByteBuffer attr, int cpu, int groupFd) {
            assertThat(attr.getInt(4)).isEqualTo(PerfEventAttr.SIZE);
            Opened o = new Opened(attr.getInt(0), attr.getLong(8), attr.getLong(32), attr.getLong(40), cpu, groupFd);
            all.add(o);
            int errno = refuse.applyAsInt(o);
            if (errno < 0) {
                return errno;
            }
            open.put(next, o);
            return next++;
        }

        @Override
        public int enable(int fd, boolean group) {
            assertThat(open).containsKey(fd);
            assertThat(group).isEqualTo(open.get(fd).type() == PerfEventAttr.TYPE_TRACEPOINT);
            enabled.add(fd);
            return 0;
        }

        @Override
        public int read(int fd, long[] dst, int words) {
            Opened o = open.get(fd);
            int errno = readError.applyAsInt(o);
            if (errno < 0) {
                return errno;
            }
            reads++;
            if ((o.readFormat() & PerfEventAttr.FORMAT_GROUP) == 0) {
                assertThat(words).isEqualTo(3);
                dst[0] = value(o);
                dst[1] = 50;
                dst[2] = 40;
                return 3;
            }
            List<Opened> members = open.values().stream().filter(m -> m.cpu() == o.cpu()
                    && m.type() == PerfEventAttr.TYPE_TRACEPOINT).toList();
            assertThat(words).isEqualTo(3 + members.size());
            dst[0] = members.size();
            dst[1] = 50;
            dst[2] = 50;
            for (int i = 0; i < members.size(); i++) {
                dst[3 + i] = value(members.get(i));
            }
            return words;
        }

        private long value(Opened o) {
            return 1000L * (o.cpu() + 1) + 10 * o.config() + reads;
        }

        @Override
        public void close(int fd) {
            assertThat(open.remove(fd)).as("fd %d open", fd).isNotNull();
        }

        @Override
        public int usableCpus() {
            return cpus;
        }
    }

    private static final int ENOENT = -2;
    private static final int EACCES = -13;

    private static PerfCollector build(FakeKernel kernel, Path mounts, String... args) throws Exception {
        return build(kernel, mounts, CollectorHarness.FIXTURES.resolve("proc"), args);
    }

    private static PerfCollector build(FakeKernel kernel, Path mounts, Path proc, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--path.procfs=" + proc));
        all.addAll(List.of(args));
        return PerfCollector.create(CollectorContext.fromFlags(CollectorHarness.flags(PerfCollector.SPEC,
                all.toArray(String[]::new))), kernel, mounts);
    }

    private static PerfCollector build(FakeKernel kernel, String... args) throws Exception {
        return build(kernel, Path.of("/nonexistent/mounts"), args);
    }

    @Test
    void oneDescriptorPerEventAndCpuOpenedAsPerfUtilsOpensThem() throws Exception {
        FakeKernel k = new FakeKernel();
        PerfCollector c = build(k);
        assertThat(k.open).hasSize(2 * (9 + 5 + 16));
        assertThat(k.enabled).containsExactlyInAnyOrderElementsOf(k.open.keySet());
        assertThat(k.open.values()).allSatisfy(o -> {
            assertThat(o.groupFd()).isEqualTo(-1);
            assertThat(o.flags()).isEqualTo(PerfEventAttr.DISABLED | PerfEventAttr.INHERIT | PerfEventAttr.EXCLUDE_HV);
            assertThat(o.readFormat()).isEqualTo(3);
        });
        assertThat(k.open.values()).filteredOn(o -> o.type() == PerfEventAttr.TYPE_SOFTWARE)
                .extracting(Opened::config).containsOnly(2L, 3L, 4L, 5L, 6L);
        assertThat(k.open.values()).filteredOn(o -> o.type() == PerfEventAttr.TYPE_HARDWARE)
                .extracting(Opened::config).containsOnly(0L, 1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L); // not bus cycles (6)
        assertThat(k.open.values()).extracting(Opened::cpu).containsOnly(0, 1);
        c.close();
        assertThat(k.open).isEmpty();
    }

    @Test
    void exactOutputOfTheChosenProfilers() throws Exception {
        FakeKernel k = new FakeKernel();
        PerfCollector c = build(k, "--collector.perf.cpus=0-3:3", "--collector.perf.hardware-profilers=CpuCycles",
                "--collector.perf.hardware-profilers=RefCpuCycles", "--collector.perf.software-profilers=ContextSwitch",
                "--collector.perf.disable-cache-profilers");
        assertThat(k.open.values()).extracting(Opened::cpu).containsOnly(0, 3);
        assertThat(CollectorHarness.scrape(c)).isEqualTo("""
                # HELP node_perf_context_switches_total Number of context switches
                # TYPE node_perf_context_switches_total counter
                node_perf_context_switches_total{cpu="0"} 1035.0
                node_perf_context_switches_total{cpu="3"} 4036.0
                # HELP node_perf_cpucycles_total Number of CPU cycles (frequency scaled)
                # TYPE node_perf_cpucycles_total counter
                node_perf_cpucycles_total{cpu="0"} 1001.0
                node_perf_cpucycles_total{cpu="3"} 4003.0
                # HELP node_perf_ref_cpucycles_total Number of CPU cycles
                # TYPE node_perf_ref_cpucycles_total counter
                node_perf_ref_cpucycles_total{cpu="0"} 1092.0
                node_perf_ref_cpucycles_total{cpu="3"} 4094.0
                """);
        // every read is the kernel's number again, not a difference
        assertThat(CollectorHarness.scrape(c)).contains("node_perf_cpucycles_total{cpu=\"0\"} 1007.0");
    }

    @Test
    void unknownProfilerNamesAreSkippedAndDisabledKindsNotOpened() throws Exception {
        FakeKernel k = new FakeKernel();
        build(k, "--collector.perf.hardware-profilers=CpuCycles", "--collector.perf.hardware-profilers=BusCycles",
                "--collector.perf.disable-software-profilers", "--collector.perf.cache-profilers=LLReadMiss",
                "--collector.perf.cache-profilers=Nope");
        assertThat(k.open.values()).extracting(o -> o.type() + "/" + o.config())
                .containsOnly("0/0", "3/" + PerfEventAttr.cacheConfig(2, 0, 1));
        FakeKernel none = new FakeKernel();
        build(none, "--collector.perf.hardware-profilers=Nope", "--collector.perf.disable-software-profilers",
                "--collector.perf.disable-cache-profilers");
        assertThat(none.all).isEmpty();
    }

    @Test
    void eventsTheKernelRefusesAreLeftOutAsUpstream() throws Exception {
        FakeKernel k = new FakeKernel();
        k.refuse = o -> o.type() == PerfEventAttr.TYPE_SOFTWARE ? 0 : ENOENT; // no PMU
        String out = CollectorHarness.scrape(build(k));
        assertThat(out).contains("node_perf_page_faults_total{cpu=\"1\"}").doesNotContain("cpucycles")
                .doesNotContain("cache_");
        FakeKernel offline = new FakeKernel();
        offline.refuse = o -> o.cpu() == 1 ? -19 : 0; // ENODEV: cpu 1 offline
        assertThat(CollectorHarness.scrape(build(offline))).contains("cpu=\"0\"").doesNotContain("cpu=\"1\"");
    }

    @Test
    void whenTheKernelRefusesEverythingEveryScrapeFailsWithTheReason(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/perf_event_paranoid"), "2\n");
        FakeKernel k = new FakeKernel();
        k.refuse = o -> EACCES;
        PerfCollector c = build(k, Path.of("/nonexistent/mounts"), proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c))
                .hasMessageStartingWith("perf_event_open refused every event: hardware: permission denied; "
                        + "software: permission denied; cache: permission denied")
                .hasMessageContaining("kernel.perf_event_paranoid is 2;");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("permission denied");
        // nothing asked for is nothing refused
        FakeKernel none = new FakeKernel();
        assertThat(CollectorHarness.scrape(build(none, "--collector.perf.disable-hardware-profilers",
                "--collector.perf.disable-software-profilers", "--collector.perf.disable-cache-profilers"))).isEmpty();
    }

    @Test
    void aHardwareOrCacheReadErrorFailsTheScrapeASoftwareOneIsSkipped() throws Exception {
        FakeKernel k = new FakeKernel();
        k.readError = o -> o.type() == PerfEventAttr.TYPE_SOFTWARE && o.config() == 3 ? -5 : 0;
        assertThat(CollectorHarness.scrape(build(k))).doesNotContain("context_switches")
                .contains("node_perf_page_faults_total{cpu=\"0\"}");
        FakeKernel hw = new FakeKernel();
        hw.readError = o -> o.type() == PerfEventAttr.TYPE_HW_CACHE ? -5 : 0;
        PerfCollector c = build(hw);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessage("reading perf event L1DataReadHit on cpu 0: "
                + "input/output error");
    }

    @Test
    void tracepointsAreOneGroupPerCpuReadThroughItsLeader(@TempDir Path tmp) throws Exception {
        Path tracefs = tmp.resolve("tracing");
        for (String[] t : new String[][] {{"sched", "sched_switch", "372"}, {"syscalls", "sys_enter_read", "845"}}) {
            Files.createDirectories(tracefs.resolve("events").resolve(t[0]).resolve(t[1]));
            Files.writeString(tracefs.resolve("events").resolve(t[0]).resolve(t[1]).resolve("id"), t[2] + "\n");
        }
        Path mounts = Files.writeString(tmp.resolve("mounts"), "proc /proc proc rw 0 0\n"
                + "tracefs " + tracefs + " tracefs rw,relatime 0 0\ntracefs /elsewhere tracefs rw 0 0\n");
        FakeKernel k = new FakeKernel();
        PerfCollector c = build(k, mounts, "--collector.perf.tracepoint=sched:sched_switch",
                "--collector.perf.tracepoint=syscalls:sys_enter_read", "--collector.perf.disable-hardware-profilers",
                "--collector.perf.disable-software-profilers", "--collector.perf.disable-cache-profilers");
        List<Map.Entry<Integer, Opened>> opened = new ArrayList<>(k.open.entrySet());
        assertThat(opened).hasSize(4);
        for (int cpu = 0; cpu < 2; cpu++) {
            Map.Entry<Integer, Opened> leader = opened.get(2 * cpu);
            Opened member = opened.get(2 * cpu + 1).getValue();
            assertThat(leader.getValue()).isEqualTo(new Opened(2, 372, 11, PerfEventAttr.DISABLED | PerfEventAttr.EXCLUDE_HV,
                    cpu, -1));
            assertThat(member).isEqualTo(new Opened(2, 845, 11, PerfEventAttr.EXCLUDE_HV, cpu, leader.getKey()));
        }
        assertThat(k.enabled).containsExactly(opened.get(0).getKey(), opened.get(2).getKey());
        assertThat(CollectorHarness.scrape(c)).isEqualTo("""
                # HELP node_perf_sched_sched_switch Perf tracepoint sched:sched_switch
                # TYPE node_perf_sched_sched_switch untyped
                node_perf_sched_sched_switch{cpu="0"} 4721.0
                node_perf_sched_sched_switch{cpu="1"} 5722.0
                # HELP node_perf_syscalls_sys_enter_read Perf tracepoint syscalls:sys_enter_read
                # TYPE node_perf_syscalls_sys_enter_read untyped
                node_perf_syscalls_sys_enter_read{cpu="0"} 9451.0
                node_perf_syscalls_sys_enter_read{cpu="1"} 10452.0
                """);
        c.close();
        assertThat(k.open).isEmpty();
    }

    @Test
    void tracepointProblemsStopStartUp(@TempDir Path tmp) throws Exception {
        Path noTracefs = Files.writeString(tmp.resolve("mounts"), "proc /proc proc rw 0 0\n");
        assertThatThrownBy(() -> build(new FakeKernel(), noTracefs, "--collector.perf.tracepoint=sched:sched_switch"))
                .hasMessageContaining("no tracefs mount");
        Path tracefs = Files.createDirectories(tmp.resolve("tracing"));
        Path mounts = Files.writeString(tmp.resolve("mounts2"), "tracefs " + tracefs + " tracefs rw 0 0\n");
        assertThatThrownBy(() -> build(new FakeKernel(), mounts, "--collector.perf.tracepoint=sched:nope"))
                .hasMessageStartingWith("Failed to get tracepoint config for sched:nope");
        assertThatThrownBy(() -> build(new FakeKernel(), mounts, "--collector.perf.tracepoint=sched"))
                .isInstanceOf(UsageException.class).hasMessage("invalid tracepoint config sched");
        assertThatThrownBy(() -> build(new FakeKernel(), mounts, "--collector.perf.tracepoint=a:b:c"))
                .isInstanceOf(UsageException.class);
        // a refused tracepoint: what was opened before it is closed again
        Files.createDirectories(tracefs.resolve("events/sched/sched_switch"));
        Files.writeString(tracefs.resolve("events/sched/sched_switch/id"), "372\n");
        FakeKernel k = new FakeKernel();
        k.refuse = o -> o.cpu() == 1 ? EACCES : 0;
        assertThatThrownBy(() -> build(k, mounts, "--collector.perf.tracepoint=sched:sched_switch"))
                .hasMessage("opening tracepoint sched:sched_switch on cpu 1: permission denied");
        assertThat(k.open).isEmpty();
    }

    @Test
    void cpuListsAsUpstreamParsesThem() throws Exception {
        assertThat(PerfProfilers.cpus("0")).containsExactly(0);
        assertThat(PerfProfilers.cpus("1,3,5")).containsExactly(1, 3, 5);
        assertThat(PerfProfilers.cpus("0-3")).containsExactly(0, 1, 2, 3);
        assertThat(PerfProfilers.cpus("1-10:5")).containsExactly(1, 6);
        assertThat(PerfProfilers.cpus("0-1,4-8:2")).containsExactly(0, 1, 4, 6, 8);
        assertThat(PerfProfilers.cpus("3-1")).isEmpty();
        for (String bad : List.of("x", "1,", "1-", "-1", "1-2-3", "0-4:0", "0-4:x", "1:2")) {
            assertThatThrownBy(() -> PerfProfilers.cpus(bad)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageContaining("--collector.perf.cpus");
        }
        FakeKernel k = new FakeKernel();
        k.cpus = 3;
        build(k, "--collector.perf.disable-hardware-profilers", "--collector.perf.disable-cache-profilers");
        assertThat(k.open.values()).extracting(Opened::cpu).containsOnly(0, 1, 2);
    }
}
