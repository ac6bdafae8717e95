package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;

/** schedstat, selinux, watchdog and kernel_hung: hand-written fixtures, this host lacks most of them. */
class SchedstatSelinuxWatchdogHungTest {
    private static Collector live(org.nodeprocessexporter.collector.CollectorSpec spec) throws Exception {
        return CollectorHarness.build(spec, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }

    @Test
    void schedstatFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(SchedstatCollector.SPEC)).isEqualTo("""
                # HELP node_schedstat_running_seconds_total Number of seconds CPU spent running a process.
                # TYPE node_schedstat_running_seconds_total counter
                node_schedstat_running_seconds_total{cpu="0"} 2045936.778163039
                node_schedstat_running_seconds_total{cpu="1"} 2184.016315432
                # HELP node_schedstat_timeslices_total Number of timeslices executed by CPU.
                # TYPE node_schedstat_timeslices_total counter
                node_schedstat_timeslices_total{cpu="0"} 4.767485306E9
                node_schedstat_timeslices_total{cpu="1"} 11111.0
                # HELP node_schedstat_waiting_seconds_total Number of seconds spent by processing waiting for this CPU.
                # TYPE node_schedstat_waiting_seconds_total counter
                node_schedstat_waiting_seconds_total{cpu="0"} 343796.328169361
                node_schedstat_waiting_seconds_total{cpu="1"} 26.318519431
                """);
    }

    @Test
    void schedstatAbsentIsNoDataAsOnThisHost() throws Exception {
        Collector c = live(SchedstatCollector.SPEC);
        if (Files.exists(Path.of("/proc/schedstat"))) {
            assertThat(CollectorHarness.scrape(c)).contains("node_schedstat_running_seconds_total{cpu=\"0\"}");
        } else {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        }
    }

    @Test
    void selinuxFromTheFixture() throws Exception {
        assertThat(ScrapedSamples.of(CollectorHarness.scrapeFixtures(SelinuxCollector.SPEC))).containsExactly(
                org.assertj.core.api.Assertions.entry("node_selinux_avc_allocations_total", 150.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_frees_total", 25.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_hash_buckets_available", 512.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_hash_buckets_used", 280.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_hash_entries", 506.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_hash_longest_chain", 5.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_hits_total", 1350.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_lookups_total", 1500.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_misses_total", 150.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_reclaims_total", 10.0),
                org.assertj.core.api.Assertions.entry("node_selinux_avc_threshold", 512.0),
                org.assertj.core.api.Assertions.entry("node_selinux_config_mode", 0.0),
                org.assertj.core.api.Assertions.entry("node_selinux_current_mode", 1.0),
                org.assertj.core.api.Assertions.entry("node_selinux_enabled", 1.0));
    }

    @Test
    void selinuxLiveMatchesSelinuxfsPresence() throws Exception {
        double enabled = ScrapedSamples.value(CollectorHarness.scrape(live(SelinuxCollector.SPEC)), "node_selinux_enabled");
        assertThat(enabled).isEqualTo(Files.exists(Path.of("/sys/fs/selinux/enforce")) ? 1.0 : 0.0);
    }

    @Test
    void watchdogFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(WatchdogCollector.SPEC)).isEqualTo("""
                # HELP node_watchdog_bootstatus Value of /sys/class/watchdog/<watchdog>/bootstatus
                # TYPE node_watchdog_bootstatus gauge
                node_watchdog_bootstatus{name="watchdog0"} 1.0
                # HELP node_watchdog_info Info of /sys/class/watchdog/<watchdog>
                # TYPE node_watchdog_info gauge
                node_watchdog_info{identity="iTCO_wdt",name="watchdog0",options="0x8380",pretimeout_governor="",state="active",status="0x8000"} 1.0
                # HELP node_watchdog_nowayout Value of /sys/class/watchdog/<watchdog>/nowayout
                # TYPE node_watchdog_nowayout gauge
                node_watchdog_nowayout{name="watchdog0"} 0.0
                # HELP node_watchdog_timeleft_seconds Value of /sys/class/watchdog/<watchdog>/timeleft
                # TYPE node_watchdog_timeleft_seconds gauge
                node_watchdog_timeleft_seconds{name="watchdog0"} 45.0
                # HELP node_watchdog_timeout_seconds Value of /sys/class/watchdog/<watchdog>/timeout
                # TYPE node_watchdog_timeout_seconds gauge
                node_watchdog_timeout_seconds{name="watchdog0"} 60.0
                """);
    }

    @Test
    void watchdogWithoutTheClassIsNoData(@TempDir Path sys) throws Exception {
        Collector c = CollectorHarness.build(WatchdogCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void kernelHungIsOnByDefaultAndReadsTheSysctl() throws Exception {
        assertThat(KernelHungCollector.SPEC.enabledByDefault()).isTrue();
        assertThat(CollectorHarness.scrapeFixtures(KernelHungCollector.SPEC)).isEqualTo("""
                # HELP node_kernel_hung_tasks_total Total number of tasks that have been detected as hung since the system booted.
                # TYPE node_kernel_hung_tasks_total counter
                node_kernel_hung_tasks_total 0.0
                """);
        Path live = Path.of("/proc/sys/kernel/hung_task_detect_count");
        if (Files.exists(live)) {
            assertThat(ScrapedSamples.value(CollectorHarness.scrape(live(KernelHungCollector.SPEC)),
                    "node_kernel_hung_tasks_total")).isEqualTo(
                    Double.parseDouble(org.nodeprocessexporter.procfs.ProcFile.readString(live).trim()));
        }
    }

    @Test
    void kernelHungWithoutTheSysctlIsNoData(@TempDir Path proc) throws Exception {
        Collector c = CollectorHarness.build(KernelHungCollector.SPEC, proc, proc, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }
}
