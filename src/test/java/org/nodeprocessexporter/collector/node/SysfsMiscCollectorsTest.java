package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.ProcFile;

/** cpu_vulnerabilities, drm, nvmesubsystem and pcidevice over the fixtures, bad input and this machine. */
class SysfsMiscCollectorsTest {
    private static final Path EXPECTED = Path.of("src/test/resources/expected");
    private static final String IDS = "--collector.pcidevice.idsfile="
            + CollectorHarness.FIXTURES.resolve("rootfs/usr/share/misc/pci.ids");

    private static Collector live(CollectorSpec spec, String... args) throws Exception {
        return CollectorHarness.build(spec, Path.of("/proc"), Path.of("/sys"), Path.of("/"), args);
    }

    private static Collector over(CollectorSpec spec, Path sys) throws Exception {
        return CollectorHarness.build(spec, sys, sys, sys);
    }

    private static void golden(String file, CollectorSpec spec, String... args) throws Exception {
        String out = CollectorHarness.scrapeFixtures(spec, args);
        Path expected = EXPECTED.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, out);
        }
        assertThat(out).isEqualTo(Files.readString(expected));
    }

    @Test
    void cpuVulnerabilitiesFromTheCapturedFixture() throws Exception {
        golden("cpu_vulnerabilities.prom", CpuVulnerabilitiesCollector.SPEC);
        assertThat(CollectorHarness.scrapeFixtures(CpuVulnerabilitiesCollector.SPEC)).contains(
                "# TYPE node_cpu_vulnerabilities_info gauge\n",
                "node_cpu_vulnerabilities_info{codename=\"meltdown\",mitigation=\"PTI\",state=\"mitigation\"} 1.0\n",
                "node_cpu_vulnerabilities_info{codename=\"mds\",mitigation=\"\",state=\"not affected\"} 1.0\n");
    }

    @Test
    void cpuVulnerabilitiesWithoutTheDirectorySucceedEmpty(@TempDir Path sys) throws Exception {
        assertThat(CollectorHarness.scrape(over(CpuVulnerabilitiesCollector.SPEC, sys))).isEmpty();
    }

    @Test
    void cpuVulnerabilitiesLiveOneSeriesPerFileWithItsState() throws Exception {
        Path dir = Path.of("/sys/devices/system/cpu/vulnerabilities");
        String out = CollectorHarness.scrape(live(CpuVulnerabilitiesCollector.SPEC));
        try (var files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(ScrapedSamples.of(out)).hasSize(all.size());
            for (Path f : all) {
                String text = ProcFile.readString(f).strip().toLowerCase(java.util.Locale.ROOT);
                String state = text.startsWith("not affected") ? "not affected" : text.startsWith("vulnerable")
                        ? "vulnerable" : text.startsWith("mitigation") ? "mitigation" : "unknown";
                assertThat(out).as(f.toString()).contains("codename=\"" + f.getFileName() + "\"")
                        .containsPattern("codename=\"" + f.getFileName() + "\",mitigation=\"[^\"]*\",state=\"" + state + "\"");
            }
        }
    }

    @Test
    void drmExportsTheAmdgpuCardOnly() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(DrmCollector.SPEC)).isEqualTo("""
                # HELP node_drm_card_info Card information
                # TYPE node_drm_card_info gauge
                node_drm_card_info{card="card0",memory_vendor="samsung",power_performance_level="manual",unique_id="0123456789abcdef",vendor="amd"} 1.0
                # HELP node_drm_gpu_busy_percent How busy the GPU is as a percentage.
                # TYPE node_drm_gpu_busy_percent gauge
                node_drm_gpu_busy_percent{card="card0"} 4.0
                # HELP node_drm_memory_gtt_size_bytes The size of the graphics translation table (GTT) block in bytes.
                # TYPE node_drm_memory_gtt_size_bytes gauge
                node_drm_memory_gtt_size_bytes{card="card0"} 8.573157376E9
                # HELP node_drm_memory_gtt_used_bytes The used amount of the graphics translation table (GTT) block in bytes.
                # TYPE node_drm_memory_gtt_used_bytes gauge
                node_drm_memory_gtt_used_bytes{card="card0"} 1.44560128E8
                # HELP node_drm_memory_vis_vram_size_bytes The size of visible VRAM in bytes.
                # TYPE node_drm_memory_vis_vram_size_bytes gauge
                node_drm_memory_vis_vram_size_bytes{card="card0"} 2.68435456E8
                # HELP node_drm_memory_vis_vram_used_bytes The used amount of visible VRAM in bytes.
                # TYPE node_drm_memory_vis_vram_used_bytes gauge
                node_drm_memory_vis_vram_used_bytes{card="card0"} 2.2822912E7
                # HELP node_drm_memory_vram_size_bytes The size of VRAM in bytes.
                # TYPE node_drm_memory_vram_size_bytes gauge
                node_drm_memory_vram_size_bytes{card="card0"} 8.573157376E9
                # HELP node_drm_memory_vram_used_bytes The used amount of VRAM in bytes.
                # TYPE node_drm_memory_vram_used_bytes gauge
                node_drm_memory_vram_used_bytes{card="card0"} 1.263730688E9
                """);
    }

    /** This VM has no GPU: no /sys/class/drm at all, a successful scrape with nothing in it, as upstream. */
    @Test
    void drmWithoutCardsSucceedsEmpty(@TempDir Path sys) throws Exception {
        assertThat(CollectorHarness.scrape(over(DrmCollector.SPEC, sys))).isEmpty();
        String here = CollectorHarness.scrape(live(DrmCollector.SPEC));
        if (!Files.isDirectory(Path.of("/sys/class/drm"))) {
            assertThat(here).isEmpty();
        }
    }

    @Test
    void nvmeSubsystemsFromTheHandWrittenFixture() throws Exception {
        golden("nvmesubsystem.prom", NvmesubsystemCollector.SPEC);
        String out = CollectorHarness.scrapeFixtures(NvmesubsystemCollector.SPEC);
        assertThat(out).contains(
                "node_nvmesubsystem_paths_live{subsystem=\"nvme-subsys0\"} 1.0\n",
                "node_nvmesubsystem_paths{subsystem=\"nvme-subsys0\"} 2.0\n",
                // "deleting (no IO)" is reported as deleting
                "node_nvmesubsystem_path_state{controller=\"nvme2\",state=\"deleting\",subsystem=\"nvme-subsys1\","
                        + "transport=\"pcie\"} 1.0\n",
                "node_nvmesubsystem_namespace_info{device=\"nvme0n1\",subsystem=\"nvme-subsys0\"} 1.0\n");
        assertThat(ScrapedSamples.of(out).keySet().stream().filter(k -> k.startsWith("node_nvmesubsystem_path_state{")))
                .hasSize(3 * 7);
    }

    @Test
    void nvmeSubsystemAbsentOrIncompleteIsNoData(@TempDir Path sys) throws Exception {
        Collector c = over(NvmesubsystemCollector.SPEC, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        Path s = Files.createDirectories(sys.resolve("class/nvme-subsystem/nvme-subsys0"));
        Files.writeString(s.resolve("subsysnqn"), "nqn.x\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        for (String f : new String[] {"model", "serial", "iopolicy"}) {
            Files.writeString(s.resolve(f), "x\n");
        }
        Path ctrl = Files.createDirectories(s.resolve("nvme7"));
        Files.writeString(ctrl.resolve("state"), "weird\n");
        Files.writeString(ctrl.resolve("transport"), "rdma\n");
        Files.writeString(ctrl.resolve("address"), "traddr=x\n");
        assertThat(CollectorHarness.scrape(c)).contains(
                "node_nvmesubsystem_path_state{controller=\"nvme7\",state=\"unknown\",subsystem=\"nvme-subsys0\","
                        + "transport=\"rdma\"} 1.0\n", "node_nvmesubsystem_paths_live{subsystem=\"nvme-subsys0\"} 0.0\n");
    }

    /** This VM's disk is virtio: no NVMe subsystem class, so "no data", as upstream. */
    @Test
    void nvmeSubsystemLive() throws Exception {
        Collector c = live(NvmesubsystemCollector.SPEC);
        if (Files.isDirectory(Path.of("/sys/class/nvme-subsystem"))) {
            assertThat(CollectorHarness.scrape(c)).contains("node_nvmesubsystem_info{");
        } else {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        }
    }

    @Test
    void pciDevicesFromTheFixture() throws Exception {
        golden("pcidevice.prom", PcideviceCollector.SPEC);
        String out = CollectorHarness.scrapeFixtures(PcideviceCollector.SPEC);
        assertThat(out).contains(
                "node_pcidevice_info{bus=\"02\",class_id=\"0x020000\",device=\"00\",device_id=\"0x1521\",function=\"0\","
                        + "parent_bus=\"00\",parent_device=\"1c\",parent_function=\"0\",parent_segment=\"0000\","
                        + "revision=\"0x01\",segment=\"0000\",subsystem_device_id=\"0x0001\",subsystem_vendor_id=\"0x8086\","
                        + "vendor_id=\"0x8086\"} 1.0\n",
                "node_pcidevice_max_link_transfers_per_second{bus=\"02\",device=\"00\",function=\"0\",segment=\"0000\"} 5.0E9\n",
                // "Unknown" current speed
                "node_pcidevice_current_link_transfers_per_second{bus=\"02\",device=\"00\",function=\"0\",segment=\"0000\"} -1.0\n",
                "node_pcidevice_sriov_totalvfs{bus=\"02\",device=\"00\",function=\"0\",segment=\"0000\"} 7.0\n",
                "node_pcidevice_power_state{bus=\"02\",device=\"00\",function=\"0\",segment=\"0000\",state=\"D3hot\"} 1.0\n",
                "node_pcidevice_max_link_width{bus=\"00\",device=\"03\",function=\"0\",segment=\"0000\"} -1.0\n");
        // numa_node -1 (the VM's functions) is not exported
        assertThat(ScrapedSamples.lines(out, "node_pcidevice_numa_node{").split("\n")).hasSize(2);
    }

    @Test
    void pciDeviceNamesFromAnIdsFile() throws Exception {
        golden("pcidevice-names.prom", PcideviceCollector.SPEC, "--collector.pcidevice.names", IDS);
        String out = CollectorHarness.scrapeFixtures(PcideviceCollector.SPEC, "--collector.pcidevice.names", IDS);
        assertThat(out).contains("class_name=\"Ethernet controller\",device=\"00\",device_id=\"0x1521\","
                        + "device_name=\"I350 Gigabit Network Connection\"",
                "subsystem_device_name=\"Ethernet Server Adapter I350-T4\",subsystem_vendor_id=\"0x8086\","
                        + "subsystem_vendor_name=\"Intel Corporation\"",
                // 0d57 has no name in the file, a33c's line lacks the two spaces: the ids stand in
                "device_id=\"0x0d57\",device_name=\"0d57\"", "device_id=\"0xa33c\",device_name=\"a33c\"",
                "class_id=\"0x060400\",class_name=\"Normal decode\"");
        // no file: every name is the id
        String none = CollectorHarness.scrapeFixtures(PcideviceCollector.SPEC, "--collector.pcidevice.names",
                "--collector.pcidevice.idsfile=/nonexistent/pci.ids");
        assertThat(none).contains("class_name=\"Unknown class (020000)\",device=\"00\",device_id=\"0x1521\","
                + "device_name=\"1521\"", "vendor_id=\"0x8086\",vendor_name=\"8086\"");
    }

    @Test
    void pciWithoutTheBusIsNoData(@TempDir Path sys) throws Exception {
        assertThatThrownBy(() -> CollectorHarness.scrape(over(PcideviceCollector.SPEC, sys)))
                .isInstanceOf(NoDataException.class);
    }

    /** This VM's virtio functions, named from Debian's pci.ids (in scripts/test.sh). */
    @Test
    void pciLiveOneInfoSeriesPerFunctionWithItsIdsAndNames() throws Exception {
        assertThat(Path.of("/usr/share/misc/pci.ids")).as("apt-get install pci.ids").exists();
        Collector c = live(PcideviceCollector.SPEC, "--collector.pcidevice.names");
        Map<String, Double> samples = ScrapedSamples.of(CollectorHarness.scrape(c));
        try (var entries = Files.list(Path.of("/sys/bus/pci/devices"))) {
            List<Path> all = entries.toList();
            assertThat(samples.keySet().stream().filter(k -> k.startsWith("node_pcidevice_info{"))).hasSize(all.size());
            for (Path d : all) {
                String[] loc = d.getFileName().toString().split("[:.]");
                String vendor = ProcFile.readString(d.resolve("vendor")).strip();
                String device = ProcFile.readString(d.resolve("device")).strip();
                assertThat(samples.keySet()).as(d.toString()).anyMatch(k -> k.startsWith("node_pcidevice_info{")
                        && k.contains("bus=\"" + loc[1] + "\"") && k.contains("device=\"" + loc[2] + "\"")
                        && k.contains("device_id=\"" + device + "\"") && k.contains("vendor_id=\"" + vendor + "\""));
            }
        }
        if (samples.keySet().stream().anyMatch(k -> k.contains("vendor_id=\"0x1af4\""))) {
            assertThat(samples.keySet()).anyMatch(k -> k.contains("vendor_id=\"0x1af4\",vendor_name=\"Red Hat, Inc.\""));
        }
    }
}
