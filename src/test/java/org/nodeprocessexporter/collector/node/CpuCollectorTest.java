package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.procfs.KernelStat;
import org.nodeprocessexporter.procfs.KernelStat.CpuTimes;

class CpuCollectorTest {
    @Test
    void timesThrottlesIsolatedAndOnlineFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(CpuCollector.SPEC)).isEqualTo("""
                # HELP node_cpu_core_throttles_total Number of times this CPU core has been throttled.
                # TYPE node_cpu_core_throttles_total counter
                node_cpu_core_throttles_total{core="0",package="0"} 5.0
                node_cpu_core_throttles_total{core="1",package="0"} 0.0
                # HELP node_cpu_guest_seconds_total Seconds the CPUs spent in guests (VMs) for each mode.
                # TYPE node_cpu_guest_seconds_total counter
                node_cpu_guest_seconds_total{cpu="0",mode="nice"} 0.0
                node_cpu_guest_seconds_total{cpu="0",mode="user"} 0.0
                node_cpu_guest_seconds_total{cpu="1",mode="nice"} 0.0
                node_cpu_guest_seconds_total{cpu="1",mode="user"} 0.0
                # HELP node_cpu_isolated Whether each core is isolated, information from /sys/devices/system/cpu/isolated.
                # TYPE node_cpu_isolated gauge
                node_cpu_isolated{cpu="1"} 1.0
                # HELP node_cpu_online CPUs that are online and being scheduled.
                # TYPE node_cpu_online gauge
                node_cpu_online{cpu="0"} 1.0
                node_cpu_online{cpu="1"} 1.0
                node_cpu_online{cpu="2"} 0.0
                # HELP node_cpu_package_throttles_total Number of times this CPU package has been throttled.
                # TYPE node_cpu_package_throttles_total counter
                node_cpu_package_throttles_total{package="0"} 30.0
                # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
                # TYPE node_cpu_seconds_total counter
                node_cpu_seconds_total{cpu="0",mode="idle"} 541.4
                node_cpu_seconds_total{cpu="0",mode="iowait"} 0.32
                node_cpu_seconds_total{cpu="0",mode="irq"} 0.0
                node_cpu_seconds_total{cpu="0",mode="nice"} 0.0
                node_cpu_seconds_total{cpu="0",mode="softirq"} 0.12
                node_cpu_seconds_total{cpu="0",mode="steal"} 2.16
                node_cpu_seconds_total{cpu="0",mode="system"} 26.02
                node_cpu_seconds_total{cpu="0",mode="user"} 170.28
                node_cpu_seconds_total{cpu="1",mode="idle"} 517.27
                node_cpu_seconds_total{cpu="1",mode="iowait"} 5.62
                node_cpu_seconds_total{cpu="1",mode="irq"} 0.0
                node_cpu_seconds_total{cpu="1",mode="nice"} 0.0
                node_cpu_seconds_total{cpu="1",mode="softirq"} 0.55
                node_cpu_seconds_total{cpu="1",mode="steal"} 2.61
                node_cpu_seconds_total{cpu="1",mode="system"} 35.42
                node_cpu_seconds_total{cpu="1",mode="user"} 178.43
                """);
    }

    @Test
    void noGuestFamilyWithoutTheGuestFlag() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(CpuCollector.SPEC, "--no-collector.cpu.guest"))
                .doesNotContain("node_cpu_guest_seconds_total").contains("node_cpu_seconds_total");
    }

    @Test
    void infoLabelsAndFrequencyWithTheInfoFlag() throws Exception {
        String text = CollectorHarness.scrapeFixtures(CpuCollector.SPEC, "--collector.cpu.info");
        assertThat(ScrapedSamples.lines(text, "node_cpu_info")).isEqualTo("""
                # HELP node_cpu_info CPU information from /proc/cpuinfo.
                # TYPE node_cpu_info gauge
                node_cpu_info{cachesize="512 KB",core="0",cpu="0",family="25",microcode="0x1000065",model="1",model_name="AMD EPYC",package="0",stepping="1",vendor="AuthenticAMD"} 1.0
                node_cpu_info{cachesize="512 KB",core="1",cpu="1",family="25",microcode="0x1000065",model="1",model_name="AMD EPYC",package="0",stepping="1",vendor="AuthenticAMD"} 1.0
                """);
        assertThat(ScrapedSamples.value(text, "node_cpu_frequency_hertz{core=\"1\",cpu=\"1\",package=\"0\"}"))
                .isEqualTo(2445.426e6, org.assertj.core.data.Offset.offset(1e-3));
        // flag_info and bug_info only come with an include filter.
        assertThat(text).doesNotContain("node_cpu_flag_info").doesNotContain("node_cpu_bug_info");
    }

    @Test
    void flagAndBugFiltersTurnOnInfoAndSelectFromTheFirstCpu() throws Exception {
        String text = CollectorHarness.scrapeFixtures(CpuCollector.SPEC,
                "--collector.cpu.info.flags-include=^(aes|avx.?)$", "--collector.cpu.info.bugs-include=spectre");
        assertThat(ScrapedSamples.lines(text, "node_cpu_flag_info")).isEqualTo("""
                # HELP node_cpu_flag_info The `flags` field of CPU information from /proc/cpuinfo taken from the first core.
                # TYPE node_cpu_flag_info gauge
                node_cpu_flag_info{flag="aes"} 1.0
                node_cpu_flag_info{flag="avx"} 1.0
                node_cpu_flag_info{flag="avx2"} 1.0
                """);
        assertThat(ScrapedSamples.lines(text, "node_cpu_bug_info")).isEqualTo("""
                # HELP node_cpu_bug_info The `bugs` field of CPU information from /proc/cpuinfo taken from the first core.
                # TYPE node_cpu_bug_info gauge
                node_cpu_bug_info{bug="spectre_v1"} 1.0
                node_cpu_bug_info{bug="spectre_v2"} 1.0
                node_cpu_bug_info{bug="spectre_v2_user"} 1.0
                """);
        assertThat(text).contains("node_cpu_info{");
    }

    @Test
    void anInvalidFilterIsAUsageError() {
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(CpuCollector.SPEC,
                "--collector.cpu.info.flags-include=(")).isInstanceOf(UsageException.class)
                .hasMessageContaining("collector.cpu.info.flags-include");
    }

    @Test
    void countersNeverGoBackButAReplugStartsOver() {
        CpuTimes old = new CpuTimes(10, 1, 5, 100, 3, 0, 0, 0, 0, 0);
        CpuTimes iowaitBack = new CpuTimes(11, 1, 5, 101, 2, 0, 0, 0, 0, 0);
        assertThat(CpuCollector.monotonic(old, iowaitBack)).isEqualTo(new CpuTimes(11, 1, 5, 101, 3, 0, 0, 0, 0, 0));
        CpuTimes replugged = new CpuTimes(1, 0, 1, 2, 0, 0, 0, 0, 0, 0);
        assertThat(CpuCollector.monotonic(old, replugged)).isEqualTo(replugged);
    }

    @Test
    void aCpuThatGoesAwayIsForgotten(@TempDir Path root) throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc"));
        Files.writeString(proc.resolve("stat"), "cpu0 100 0 0 1000 0 0 0 0 0 0\ncpu1 100 0 0 1000 0 0 0 0 0 0\n");
        Collector c = CollectorHarness.build(CpuCollector.SPEC, proc, root.resolve("sys"), root);
        assertThat(CollectorHarness.scrape(c)).contains("cpu=\"1\"");
        Files.writeString(proc.resolve("stat"), "cpu0 100 0 0 1000 0 0 0 0 0 0\n");
        assertThat(CollectorHarness.scrape(c)).doesNotContain("cpu=\"1\"");
    }

    @Test
    void liveUserSecondsLieBetweenTwoReadsOfProcStat() throws Exception {
        Collector c = CollectorHarness.build(CpuCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        KernelStat before = KernelStat.read(Path.of("/proc"));
        String text = CollectorHarness.scrape(c);
        KernelStat after = KernelStat.read(Path.of("/proc"));
        for (int cpu : before.cpus().keySet()) {
            double v = ScrapedSamples.value(text, "node_cpu_seconds_total{cpu=\"" + cpu + "\",mode=\"user\"}");
            assertThat(v).isBetween(before.cpus().get(cpu).user(), after.cpus().get(cpu).user());
        }
        assertThat(before.cpus()).hasSize(Runtime.getRuntime().availableProcessors());
    }
}
