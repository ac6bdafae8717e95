package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * buddyinfo, interrupts, ksmd, meminfo_numa, processes, slabinfo and zoneinfo against node_exporter
 * 1.5 on this machine, both started with exactly these collectors (softirqs and swap are newer than
 * 1.5). The same families with the same types and label names; the same series where the kernel
 * keeps the value fixed (limits, sizes, watermarks, settings); counters that never go backwards
 * from their scrape to ours; the same label sets where the series are the host's fixed set
 * (interrupts, zones, slab caches).
 */
class ProcMemCollectorsParityTest {
    private static final String[] PREFIXES = {"node_buddyinfo_", "node_interrupts_", "node_ksmd_",
        "node_memory_numa_", "node_processes_", "node_slabinfo_", "node_zoneinfo_"};

    @Test
    void sameFamiliesSeriesAndConstantsAsNodeExporter(@TempDir Path tmp) throws Exception {
        SideBySide.Scrapes s = SideBySide.scrape(tmp, "--collector.buddyinfo", "--collector.interrupts",
                "--collector.ksmd", "--collector.meminfo_numa", "--collector.processes", "--collector.slabinfo",
                "--collector.zoneinfo");
        assertThat(s.successDifferences()).isEmpty();
        assertThat(s.theirs().family("node_scrape_collector_success")).hasSize(7).allSatisfy((k, v) ->
                assertThat(v).as(k).isEqualTo(1.0));
        for (String prefix : PREFIXES) {
            assertThat(s.theirs().types.keySet()).as(prefix).anyMatch(f -> f.startsWith(prefix));
            assertThat(s.shapeDifferences(prefix)).as(prefix).isEmpty();
            assertThat(families(s, prefix, true)).as("our families " + prefix).isEqualTo(families(s, prefix, false));
        }

        List<String> constants = new ArrayList<>(List.of("node_ksmd_merge_across_nodes", "node_ksmd_pages_to_scan",
                "node_ksmd_run", "node_ksmd_sleep_seconds", "node_memory_numa_MemTotal",
                "node_memory_numa_HugePages_Total", "node_processes_max_processes", "node_processes_max_threads",
                "node_zoneinfo_spanned_pages", "node_zoneinfo_present_pages", "node_zoneinfo_managed_pages",
                "node_zoneinfo_min_pages", "node_zoneinfo_low_pages", "node_zoneinfo_high_pages",
                "node_slabinfo_object_size_bytes", "node_slabinfo_objects_per_slab", "node_slabinfo_pages_per_slab"));
        constants.addAll(families(s, "node_zoneinfo_protection_", false));
        assertThat(s.valueDifferences(constants.toArray(String[]::new))).isEmpty();

        for (String keysEqual : List.of("node_interrupts_total", "node_buddyinfo_blocks", "node_zoneinfo_nr_free_pages",
                "node_zoneinfo_numa_hit_total", "node_zoneinfo_nr_file_pages", "node_memory_numa_numa_hit_total")) {
            assertThat(s.ours().family(keysEqual).keySet()).as(keysEqual)
                    .isEqualTo(s.theirs().family(keysEqual).keySet()).isNotEmpty();
        }
        assertThat(s.counterDifferences(1e7, "node_interrupts_total", "node_zoneinfo_numa_hit_total",
                "node_zoneinfo_numa_local_total", "node_zoneinfo_nr_dirtied_total", "node_zoneinfo_nr_written_total",
                "node_memory_numa_numa_hit_total", "node_memory_numa_local_node_total", "node_ksmd_full_scans_total"))
                .isEmpty();
        // other work on the machine starts and ends processes between the two scrapes
        double theirPids = s.theirs().value("node_processes_pids");
        assertThat(s.ours().value("node_processes_pids")).isCloseTo(theirPids, within(Math.max(20, theirPids / 10)));
        double theirThreads = s.theirs().value("node_processes_threads");
        assertThat(s.ours().value("node_processes_threads"))
                .isCloseTo(theirThreads, within(Math.max(50, theirThreads / 10)));
        assertThat(s.ours().family("node_processes_threads_state").values().stream().mapToDouble(Double::doubleValue)
                .sum()).isCloseTo(s.ours().value("node_processes_threads"), within(theirThreads / 10 + 20));
    }

    private static List<String> families(SideBySide.Scrapes s, String prefix, boolean ours) {
        return (ours ? s.ours() : s.theirs()).types.keySet().stream().filter(f -> f.startsWith(prefix)).toList();
    }
}
