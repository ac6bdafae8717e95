package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.NoDataException;

/**
 * buddyinfo, zoneinfo, meminfo_numa, slabinfo, ksmd, swap, processes, interrupts and softirqs over
 * the fixture tree (exact text), their flags, and what they do without their source.
 */
class ProcMemCollectorsTest {
    private static String fixtures(CollectorSpec spec, String... args) throws Exception {
        return CollectorHarness.scrapeFixtures(spec, args);
    }

    private static Collector over(CollectorSpec spec, Path root, String... args) throws Exception {
        return CollectorHarness.build(spec, root, root, root, args);
    }

    private static List<String> families(String text) {
        return text.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
    }

    @Test
    void buddyinfo() throws Exception {
        assertThat(fixtures(BuddyinfoCollector.SPEC)).isEqualTo("""
                # HELP node_buddyinfo_blocks Count of free blocks according to size.
                # TYPE node_buddyinfo_blocks gauge
                node_buddyinfo_blocks{node="0",size="0",zone="DMA"} 0.0
                node_buddyinfo_blocks{node="0",size="0",zone="DMA32"} 2.0
                node_buddyinfo_blocks{node="0",size="0",zone="Normal"} 38.0
                node_buddyinfo_blocks{node="0",size="1",zone="DMA"} 0.0
                node_buddyinfo_blocks{node="0",size="1",zone="DMA32"} 4.0
                node_buddyinfo_blocks{node="0",size="1",zone="Normal"} 15789.0
                node_buddyinfo_blocks{node="0",size="10",zone="DMA"} 3.0
                node_buddyinfo_blocks{node="0",size="10",zone="DMA32"} 753.0
                node_buddyinfo_blocks{node="0",size="10",zone="Normal"} 9.0
                node_buddyinfo_blocks{node="0",size="2",zone="DMA"} 0.0
                node_buddyinfo_blocks{node="0",size="2",zone="DMA32"} 2.0
                node_buddyinfo_blocks{node="0",size="2",zone="Normal"} 9665.0
                node_buddyinfo_blocks{node="0",size="3",zone="DMA"} 0.0
                node_buddyinfo_blocks{node="0",size="3",zone="DMA32"} 2.0
                node_buddyinfo_blocks{node="0",size="3",zone="Normal"} 5227.0
                node_buddyinfo_blocks{node="0",size="4",zone="DMA"} 0.0
                node_buddyinfo_blocks{node="0",size="4",zone="DMA32"} 1.0
                node_buddyinfo_blocks{node="0",size="4",zone="Normal"} 5677.0
                node_buddyinfo_blocks{node="0",size="5",zone="DMA"} 0.0
                node_buddyinfo_blocks{node="0",size="5",zone="DMA32"} 2.0
                node_buddyinfo_blocks{node="0",size="5",zone="Normal"} 2309.0
                node_buddyinfo_blocks{node="0",size="6",zone="DMA"} 0.0
                node_buddyinfo_blocks{node="0",size="6",zone="DMA32"} 0.0
                node_buddyinfo_blocks{node="0",size="6",zone="Normal"} 933.0
                node_buddyinfo_blocks{node="0",size="7",zone="DMA"} 0.0
                node_buddyinfo_blocks{node="0",size="7",zone="DMA32"} 3.0
                node_buddyinfo_blocks{node="0",size="7",zone="Normal"} 259.0
                node_buddyinfo_blocks{node="0",size="8",zone="DMA"} 1.0
                node_buddyinfo_blocks{node="0",size="8",zone="DMA32"} 3.0
                node_buddyinfo_blocks{node="0",size="8",zone="Normal"} 84.0
                node_buddyinfo_blocks{node="0",size="9",zone="DMA"} 1.0
                node_buddyinfo_blocks{node="0",size="9",zone="DMA32"} 1.0
                node_buddyinfo_blocks{node="0",size="9",zone="Normal"} 2.0
                """);
    }

    @Test
    void zoneinfoPerZoneAndPerNodeValuesAndProtection() throws Exception {
        String text = fixtures(ZoneinfoCollector.SPEC);
        assertThat(families(text)).containsExactly(
                "node_zoneinfo_high_pages",
                "node_zoneinfo_low_pages",
                "node_zoneinfo_managed_pages",
                "node_zoneinfo_min_pages",
                "node_zoneinfo_nr_active_anon_pages",
                "node_zoneinfo_nr_active_file_pages",
                "node_zoneinfo_nr_anon_pages",
                "node_zoneinfo_nr_anon_transparent_hugepages",
                "node_zoneinfo_nr_dirtied_total",
                "node_zoneinfo_nr_dirty_pages",
                "node_zoneinfo_nr_file_pages",
                "node_zoneinfo_nr_free_pages",
                "node_zoneinfo_nr_inactive_anon_pages",
                "node_zoneinfo_nr_inactive_file_pages",
                "node_zoneinfo_nr_isolated_anon_pages",
                "node_zoneinfo_nr_isolated_file_pages",
                "node_zoneinfo_nr_kernel_stacks",
                "node_zoneinfo_nr_mapped_pages",
                "node_zoneinfo_nr_shmem_pages",
                "node_zoneinfo_nr_slab_reclaimable_pages",
                "node_zoneinfo_nr_slab_unreclaimable_pages",
                "node_zoneinfo_nr_unevictable_pages",
                "node_zoneinfo_nr_writeback_pages",
                "node_zoneinfo_nr_written_total",
                "node_zoneinfo_numa_foreign_total",
                "node_zoneinfo_numa_hit_total",
                "node_zoneinfo_numa_interleave_total",
                "node_zoneinfo_numa_local_total",
                "node_zoneinfo_numa_miss_total",
                "node_zoneinfo_numa_other_total",
                "node_zoneinfo_present_pages",
                "node_zoneinfo_protection_0",
                "node_zoneinfo_protection_1",
                "node_zoneinfo_protection_2",
                "node_zoneinfo_protection_3",
                "node_zoneinfo_protection_4",
                "node_zoneinfo_spanned_pages");
        // per-zone values: every zone; per-node values: the node's first zone (DMA) only
        assertThat(ScrapedSamples.lines(text, "node_zoneinfo_spanned_pages")).isEqualTo("""
                # HELP node_zoneinfo_spanned_pages Total pages spanned by the zone, including holes
                # TYPE node_zoneinfo_spanned_pages gauge
                node_zoneinfo_spanned_pages{node="0",zone="DMA"} 4095.0
                node_zoneinfo_spanned_pages{node="0",zone="DMA32"} 1044480.0
                node_zoneinfo_spanned_pages{node="0",zone="Device"} 0.0
                node_zoneinfo_spanned_pages{node="0",zone="Movable"} 0.0
                node_zoneinfo_spanned_pages{node="0",zone="Normal"} 5505024.0
                """);
        assertThat(ScrapedSamples.lines(text, "node_zoneinfo_nr_free_pages")).isEqualTo("""
                # HELP node_zoneinfo_nr_free_pages Total number of free pages in the zone
                # TYPE node_zoneinfo_nr_free_pages gauge
                node_zoneinfo_nr_free_pages{node="0",zone="DMA"} 3840.0
                node_zoneinfo_nr_free_pages{node="0",zone="DMA32"} 772850.0
                node_zoneinfo_nr_free_pages{node="0",zone="Normal"} 413516.0
                """);
        assertThat(ScrapedSamples.lines(text, "node_zoneinfo_nr_inactive_anon_pages")).isEqualTo("""
                # HELP node_zoneinfo_nr_inactive_anon_pages Number of anonymous pages recently less used
                # TYPE node_zoneinfo_nr_inactive_anon_pages gauge
                node_zoneinfo_nr_inactive_anon_pages{node="0",zone="DMA"} 126646.0
                """);
        assertThat(ScrapedSamples.lines(text, "node_zoneinfo_numa_hit_total")).isEqualTo("""
                # HELP node_zoneinfo_numa_hit_total Allocated in intended node
                # TYPE node_zoneinfo_numa_hit_total counter
                node_zoneinfo_numa_hit_total{node="0",zone="DMA"} 0.0
                node_zoneinfo_numa_hit_total{node="0",zone="DMA32"} 0.0
                node_zoneinfo_numa_hit_total{node="0",zone="Normal"} 1.2119418E7
                """);
        assertThat(ScrapedSamples.lines(text, "node_zoneinfo_protection_1")).isEqualTo("""
                # HELP node_zoneinfo_protection_1 Protection array 1. field
                # TYPE node_zoneinfo_protection_1 gauge
                node_zoneinfo_protection_1{node="0",zone="DMA"} 3018.0
                node_zoneinfo_protection_1{node="0",zone="DMA32"} 0.0
                node_zoneinfo_protection_1{node="0",zone="Device"} 0.0
                node_zoneinfo_protection_1{node="0",zone="Movable"} 0.0
                node_zoneinfo_protection_1{node="0",zone="Normal"} 0.0
                """);
    }

    @Test
    void meminfoNumaGaugesWithoutUnitSuffixAndNumastatCounters() throws Exception {
        String text = fixtures(MeminfoNumaCollector.SPEC);
        assertThat(families(text)).containsExactly(
                "node_memory_numa_Active",
                "node_memory_numa_Active_anon",
                "node_memory_numa_Active_file",
                "node_memory_numa_AnonHugePages",
                "node_memory_numa_AnonPages",
                "node_memory_numa_Bounce",
                "node_memory_numa_Dirty",
                "node_memory_numa_FileHugePages",
                "node_memory_numa_FilePages",
                "node_memory_numa_FilePmdMapped",
                "node_memory_numa_HugePages_Free",
                "node_memory_numa_HugePages_Surp",
                "node_memory_numa_HugePages_Total",
                "node_memory_numa_Inactive",
                "node_memory_numa_Inactive_anon",
                "node_memory_numa_Inactive_file",
                "node_memory_numa_KReclaimable",
                "node_memory_numa_KernelStack",
                "node_memory_numa_Mapped",
                "node_memory_numa_MemFree",
                "node_memory_numa_MemTotal",
                "node_memory_numa_MemUsed",
                "node_memory_numa_Mlocked",
                "node_memory_numa_NFS_Unstable",
                "node_memory_numa_PageTables",
                "node_memory_numa_SReclaimable",
                "node_memory_numa_SUnreclaim",
                "node_memory_numa_SecPageTables",
                "node_memory_numa_Shmem",
                "node_memory_numa_ShmemHugePages",
                "node_memory_numa_ShmemPmdMapped",
                "node_memory_numa_Slab",
                "node_memory_numa_SwapCached",
                "node_memory_numa_Unevictable",
                "node_memory_numa_Writeback",
                "node_memory_numa_WritebackTmp",
                "node_memory_numa_interleave_hit_total",
                "node_memory_numa_local_node_total",
                "node_memory_numa_numa_foreign_total",
                "node_memory_numa_numa_hit_total",
                "node_memory_numa_numa_miss_total",
                "node_memory_numa_other_node_total");
        assertThat(ScrapedSamples.lines(text, "node_memory_numa_MemTotal")).isEqualTo("""
                # HELP node_memory_numa_MemTotal Memory information field MemTotal.
                # TYPE node_memory_numa_MemTotal gauge
                node_memory_numa_MemTotal{node="0"} 2.5276166144E10
                node_memory_numa_MemTotal{node="1"} 1.2638083072E10
                """);
        assertThat(ScrapedSamples.lines(text, "node_memory_numa_Active_anon")).isEqualTo("""
                # HELP node_memory_numa_Active_anon Memory information field Active_anon.
                # TYPE node_memory_numa_Active_anon gauge
                node_memory_numa_Active_anon{node="0"} 319488.0
                node_memory_numa_Active_anon{node="1"} 106496.0
                """);
        assertThat(ScrapedSamples.lines(text, "node_memory_numa_HugePages_Free")).isEqualTo("""
                # HELP node_memory_numa_HugePages_Free Memory information field HugePages_Free.
                # TYPE node_memory_numa_HugePages_Free gauge
                node_memory_numa_HugePages_Free{node="0"} 0.0
                node_memory_numa_HugePages_Free{node="1"} 0.0
                """);
        assertThat(ScrapedSamples.lines(text, "node_memory_numa_numa_hit_total")).isEqualTo("""
                # HELP node_memory_numa_numa_hit_total Memory information field numa_hit_total.
                # TYPE node_memory_numa_numa_hit_total counter
                node_memory_numa_numa_hit_total{node="0"} 1.2121639E7
                node_memory_numa_numa_hit_total{node="1"} 1234567.0
                """);
    }

    @Test
    void slabinfo() throws Exception {
        assertThat(fixtures(SlabinfoCollector.SPEC)).isEqualTo("""
                # HELP node_slabinfo_active_objects The number of objects that are currently active (i.e., in use).
                # TYPE node_slabinfo_active_objects gauge
                node_slabinfo_active_objects{slab="TCP"} 92.0
                node_slabinfo_active_objects{slab="dentry"} 112062.0
                node_slabinfo_active_objects{slab="inode_cache"} 755.0
                node_slabinfo_active_objects{slab="kmalloc-64"} 3291.0
                node_slabinfo_active_objects{slab="kmalloc-rcl-64"} 0.0
                node_slabinfo_active_objects{slab="task_struct"} 209.0
                # HELP node_slabinfo_object_size_bytes The size of objects in this slab, in bytes.
                # TYPE node_slabinfo_object_size_bytes gauge
                node_slabinfo_object_size_bytes{slab="TCP"} 2368.0
                node_slabinfo_object_size_bytes{slab="dentry"} 192.0
                node_slabinfo_object_size_bytes{slab="inode_cache"} 624.0
                node_slabinfo_object_size_bytes{slab="kmalloc-64"} 64.0
                node_slabinfo_object_size_bytes{slab="kmalloc-rcl-64"} 64.0
                node_slabinfo_object_size_bytes{slab="task_struct"} 5824.0
                # HELP node_slabinfo_objects The total number of allocated objects (i.e., objects that are both in use and not in use).
                # TYPE node_slabinfo_objects gauge
                node_slabinfo_objects{slab="TCP"} 143.0
                node_slabinfo_objects{slab="dentry"} 112455.0
                node_slabinfo_objects{slab="inode_cache"} 793.0
                node_slabinfo_objects{slab="kmalloc-64"} 3520.0
                node_slabinfo_objects{slab="kmalloc-rcl-64"} 0.0
                node_slabinfo_objects{slab="task_struct"} 230.0
                # HELP node_slabinfo_objects_per_slab The number of objects stored in each slab.
                # TYPE node_slabinfo_objects_per_slab gauge
                node_slabinfo_objects_per_slab{slab="TCP"} 13.0
                node_slabinfo_objects_per_slab{slab="dentry"} 21.0
                node_slabinfo_objects_per_slab{slab="inode_cache"} 13.0
                node_slabinfo_objects_per_slab{slab="kmalloc-64"} 64.0
                node_slabinfo_objects_per_slab{slab="kmalloc-rcl-64"} 64.0
                node_slabinfo_objects_per_slab{slab="task_struct"} 5.0
                # HELP node_slabinfo_pages_per_slab The number of pages allocated for each slab.
                # TYPE node_slabinfo_pages_per_slab gauge
                node_slabinfo_pages_per_slab{slab="TCP"} 8.0
                node_slabinfo_pages_per_slab{slab="dentry"} 1.0
                node_slabinfo_pages_per_slab{slab="inode_cache"} 2.0
                node_slabinfo_pages_per_slab{slab="kmalloc-64"} 1.0
                node_slabinfo_pages_per_slab{slab="kmalloc-rcl-64"} 1.0
                node_slabinfo_pages_per_slab{slab="task_struct"} 8.0
                """);
    }

    @Test
    void slabinfoAppliesIncludeAndExcludeTogether() throws Exception {
        String text = fixtures(SlabinfoCollector.SPEC, "--collector.slabinfo.slabs-include=^(kmalloc|TCP)",
                "--collector.slabinfo.slabs-exclude=rcl");
        assertThat(ScrapedSamples.lines(text, "node_slabinfo_objects{")).isEqualTo("""
                node_slabinfo_objects{slab="TCP"} 143.0
                node_slabinfo_objects{slab="kmalloc-64"} 3520.0
                """);
        assertThat(ScrapedSamples.lines(fixtures(SlabinfoCollector.SPEC, "--collector.slabinfo.slabs-exclude=e"),
                "node_slabinfo_pages_per_slab{")).isEqualTo("""
                node_slabinfo_pages_per_slab{slab="TCP"} 8.0
                node_slabinfo_pages_per_slab{slab="kmalloc-64"} 1.0
                node_slabinfo_pages_per_slab{slab="kmalloc-rcl-64"} 1.0
                node_slabinfo_pages_per_slab{slab="task_struct"} 8.0
                """);
    }

    @Test
    void ksmd() throws Exception {
        assertThat(fixtures(KsmdCollector.SPEC)).isEqualTo("""
                # HELP node_ksmd_full_scans_total ksmd 'full_scans' file.
                # TYPE node_ksmd_full_scans_total counter
                node_ksmd_full_scans_total 0.0
                # HELP node_ksmd_merge_across_nodes ksmd 'merge_across_nodes' file.
                # TYPE node_ksmd_merge_across_nodes gauge
                node_ksmd_merge_across_nodes 1.0
                # HELP node_ksmd_pages_shared ksmd 'pages_shared' file.
                # TYPE node_ksmd_pages_shared gauge
                node_ksmd_pages_shared 0.0
                # HELP node_ksmd_pages_sharing ksmd 'pages_sharing' file.
                # TYPE node_ksmd_pages_sharing gauge
                node_ksmd_pages_sharing 0.0
                # HELP node_ksmd_pages_to_scan ksmd 'pages_to_scan' file.
                # TYPE node_ksmd_pages_to_scan gauge
                node_ksmd_pages_to_scan 100.0
                # HELP node_ksmd_pages_unshared ksmd 'pages_unshared' file.
                # TYPE node_ksmd_pages_unshared gauge
                node_ksmd_pages_unshared 0.0
                # HELP node_ksmd_pages_volatile ksmd 'pages_volatile' file.
                # TYPE node_ksmd_pages_volatile gauge
                node_ksmd_pages_volatile 0.0
                # HELP node_ksmd_run ksmd 'run' file.
                # TYPE node_ksmd_run gauge
                node_ksmd_run 0.0
                # HELP node_ksmd_sleep_seconds ksmd 'sleep_millisecs' file.
                # TYPE node_ksmd_sleep_seconds gauge
                node_ksmd_sleep_seconds 0.02
                """);
    }

    @Test
    void swap() throws Exception {
        assertThat(fixtures(SwapCollector.SPEC)).isEqualTo("""
                # HELP node_swap_priority Swap device priority.
                # TYPE node_swap_priority gauge
                node_swap_priority{device="/dev/vdb2",swap_type="partition"} -2.0
                node_swap_priority{device="/var/swap\\\\040file",swap_type="file"} 10.0
                # HELP node_swap_size_bytes Swap device size in bytes.
                # TYPE node_swap_size_bytes gauge
                node_swap_size_bytes{device="/dev/vdb2",swap_type="partition"} 8.589930496E9
                node_swap_size_bytes{device="/var/swap\\\\040file",swap_type="file"} 1.073737728E9
                # HELP node_swap_used_bytes Swap device used in bytes.
                # TYPE node_swap_used_bytes gauge
                node_swap_used_bytes{device="/dev/vdb2",swap_type="partition"} 1048576.0
                node_swap_used_bytes{device="/var/swap\\\\040file",swap_type="file"} 0.0
                """);
    }

    @Test
    void processes() throws Exception {
        assertThat(fixtures(ProcessesCollector.SPEC)).isEqualTo("""
                # HELP node_processes_max_processes Number of max PIDs limit
                # TYPE node_processes_max_processes gauge
                node_processes_max_processes 32768.0
                # HELP node_processes_max_threads Limit of threads in the system
                # TYPE node_processes_max_threads gauge
                node_processes_max_threads 192738.0
                # HELP node_processes_pids Number of PIDs
                # TYPE node_processes_pids gauge
                node_processes_pids 4.0
                # HELP node_processes_state Number of processes in each state.
                # TYPE node_processes_state gauge
                node_processes_state{state="S"} 4.0
                # HELP node_processes_threads Allocated threads in system
                # TYPE node_processes_threads gauge
                node_processes_threads 36.0
                # HELP node_processes_threads_state Number of threads in each state.
                # TYPE node_processes_threads_state gauge
                node_processes_threads_state{thread_state="R"} 1.0
                node_processes_threads_state{thread_state="S"} 7.0
                """);
    }

    @Test
    void interrupts() throws Exception {
        assertThat(fixtures(InterruptsCollector.SPEC)).isEqualTo("""
                # HELP node_interrupts_total Interrupt details.
                # TYPE node_interrupts_total counter
                node_interrupts_total{cpu="0",devices="",info="Function call interrupts",type="CAL"} 94886.0
                node_interrupts_total{cpu="0",devices="",info="Local timer interrupts",type="LOC"} 319831.0
                node_interrupts_total{cpu="0",devices="",info="Non-maskable interrupts",type="NMI"} 0.0
                node_interrupts_total{cpu="0",devices="1-edge virtio3-rx",info="PCI-MSIX-0000:00:04.0",type="41"} 3378.0
                node_interrupts_total{cpu="0",devices="4-edge ttyS0",info="IO-APIC",type="26"} 0.0
                node_interrupts_total{cpu="0",devices="5-edge ACPI:Ged",info="IO-APIC",type="24"} 1.0
                node_interrupts_total{cpu="1",devices="",info="Function call interrupts",type="CAL"} 71649.0
                node_interrupts_total{cpu="1",devices="",info="Local timer interrupts",type="LOC"} 316652.0
                node_interrupts_total{cpu="1",devices="",info="Non-maskable interrupts",type="NMI"} 0.0
                node_interrupts_total{cpu="1",devices="1-edge virtio3-rx",info="PCI-MSIX-0000:00:04.0",type="41"} 0.0
                node_interrupts_total{cpu="1",devices="4-edge ttyS0",info="IO-APIC",type="26"} 2.0
                node_interrupts_total{cpu="1",devices="5-edge ACPI:Ged",info="IO-APIC",type="24"} 0.0
                """);
    }

    @Test
    void interruptsFiltersMatchTypeInfoAndDevicesAndZerosCanBeLeftOut() throws Exception {
        assertThat(fixtures(InterruptsCollector.SPEC, "--collector.interrupts.name-include=^[0-9]+;IO-APIC;",
                "--no-collector.interrupts.include-zeros")).isEqualTo("""
                # HELP node_interrupts_total Interrupt details.
                # TYPE node_interrupts_total counter
                node_interrupts_total{cpu="0",devices="5-edge ACPI:Ged",info="IO-APIC",type="24"} 1.0
                node_interrupts_total{cpu="1",devices="4-edge ttyS0",info="IO-APIC",type="26"} 2.0
                """);
        assertThat(ScrapedSamples.of(fixtures(InterruptsCollector.SPEC,
                "--collector.interrupts.name-exclude=interrupts|virtio")).keySet()).allMatch(k -> k.contains("IO-APIC"))
                .hasSize(4);
        // both given: upstream applies both, despite the help texts' "mutually exclusive"
        assertThat(ScrapedSamples.of(fixtures(InterruptsCollector.SPEC, "--collector.interrupts.name-include=IO-APIC",
                "--collector.interrupts.name-exclude=ttyS0")).keySet()).allMatch(k -> k.contains("IO-APIC"))
                .noneMatch(k -> k.contains("ttyS0")).isNotEmpty();
    }

    @Test
    void interruptsFailOnABadCountUnlessFilteredOut(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("interrupts"), "  CPU0\n  1: x IO-APIC 1-edge i8042\n  2: 5 IO-APIC 2-edge t\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(over(InterruptsCollector.SPEC, proc)))
                .isInstanceOf(IOException.class).hasMessageContaining("invalid value x");
        assertThat(CollectorHarness.scrape(over(InterruptsCollector.SPEC, proc,
                "--collector.interrupts.name-exclude=i8042"))).contains("type=\"2\"} 5.0");
    }

    @Test
    void softirqs() throws Exception {
        assertThat(fixtures(SoftirqsCollector.SPEC)).isEqualTo("""
                # HELP node_softirqs_functions_total Softirq counts per CPU.
                # TYPE node_softirqs_functions_total counter
                node_softirqs_functions_total{cpu="0",type="BLOCK"} 0.0
                node_softirqs_functions_total{cpu="0",type="HI"} 0.0
                node_softirqs_functions_total{cpu="0",type="HRTIMER"} 549.0
                node_softirqs_functions_total{cpu="0",type="IRQ_POLL"} 0.0
                node_softirqs_functions_total{cpu="0",type="NET_RX"} 47949.0
                node_softirqs_functions_total{cpu="0",type="NET_TX"} 23.0
                node_softirqs_functions_total{cpu="0",type="RCU"} 99754.0
                node_softirqs_functions_total{cpu="0",type="SCHED"} 74086.0
                node_softirqs_functions_total{cpu="0",type="TASKLET"} 4.0
                node_softirqs_functions_total{cpu="0",type="TIMER"} 37296.0
                node_softirqs_functions_total{cpu="1",type="BLOCK"} 128186.0
                node_softirqs_functions_total{cpu="1",type="HI"} 0.0
                node_softirqs_functions_total{cpu="1",type="HRTIMER"} 399.0
                node_softirqs_functions_total{cpu="1",type="IRQ_POLL"} 0.0
                node_softirqs_functions_total{cpu="1",type="NET_RX"} 47411.0
                node_softirqs_functions_total{cpu="1",type="NET_TX"} 23.0
                node_softirqs_functions_total{cpu="1",type="RCU"} 107537.0
                node_softirqs_functions_total{cpu="1",type="SCHED"} 72409.0
                node_softirqs_functions_total{cpu="1",type="TASKLET"} 1.0
                node_softirqs_functions_total{cpu="1",type="TIMER"} 43110.0
                """);
    }

    @Test
    void withoutTheirSourceTheyReportNoData(@TempDir Path empty) throws Exception {
        for (CollectorSpec spec : List.of(BuddyinfoCollector.SPEC, ZoneinfoCollector.SPEC, SlabinfoCollector.SPEC,
                KsmdCollector.SPEC, SwapCollector.SPEC, ProcessesCollector.SPEC, InterruptsCollector.SPEC,
                SoftirqsCollector.SPEC)) {
            Collector c = over(spec, empty.resolve("missing"));
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).as(spec.name())
                    .isInstanceOfAny(NoDataException.class, java.nio.file.NoSuchFileException.class);
        }
        // as upstream's glob: no node directory, no series, success
        assertThat(CollectorHarness.scrape(over(MeminfoNumaCollector.SPEC, empty))).isEmpty();
    }

    @Test
    void swapWithoutSwapAreasHasNoSeries(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("swaps"), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
        assertThat(CollectorHarness.scrape(over(SwapCollector.SPEC, proc))).isEmpty();
    }

    @Test
    void everyCollectorIsOffByDefault() {
        for (CollectorSpec spec : List.of(BuddyinfoCollector.SPEC, ZoneinfoCollector.SPEC, MeminfoNumaCollector.SPEC,
                SlabinfoCollector.SPEC, KsmdCollector.SPEC, SwapCollector.SPEC, ProcessesCollector.SPEC,
                InterruptsCollector.SPEC, SoftirqsCollector.SPEC)) {
            assertThat(spec.enabledByDefault()).as(spec.name()).isFalse();
        }
    }

    @Test
    void exposedFamiliesParse() throws Exception {
        assertThat(Exposition.parse(fixtures(ZoneinfoCollector.SPEC)).types).hasSize(37);
    }
}
