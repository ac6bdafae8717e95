package org.nodeprocessexporter.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.rootfs.PciIds;

/** cpu vulnerabilities, amdgpu cards, NVMe subsystems, PCI devices and pci.ids. */
class SysfsMiscReadersTest {
    private static final Path SYS = CollectorHarness.FIXTURES.resolve("sys");

    @Test
    void vulnerabilityStatesAsProcfsParsesThem() {
        assertThat(CpuVulnerability.parse("meltdown", "Mitigation: PTI\n"))
                .isEqualTo(new CpuVulnerability("meltdown", "mitigation", "PTI"));
        assertThat(CpuVulnerability.parse("mds", "Not affected\n")).isEqualTo(new CpuVulnerability("mds", "not affected", ""));
        assertThat(CpuVulnerability.parse("srbds", "Vulnerable\n")).isEqualTo(new CpuVulnerability("srbds", "vulnerable", ""));
        assertThat(CpuVulnerability.parse("mmio", "Vulnerable: Clear CPU buffers attempted,  no microcode; SMT Host state unknown\n"))
                .isEqualTo(new CpuVulnerability("mmio", "vulnerable",
                        "Clear CPU buffers attempted, no microcode; SMT Host state unknown"));
        assertThat(CpuVulnerability.parse("x", "Unknown: Dependent on hypervisor status\n"))
                .isEqualTo(new CpuVulnerability("x", "unknown", "Dependent on hypervisor status"));
        assertThat(CpuVulnerability.parse("itlb_multihit", "KVM: Mitigation: VMX disabled\n"))
                .isEqualTo(new CpuVulnerability("itlb_multihit", "unknown", "KVM: Mitigation: VMX disabled"));
        assertThat(CpuVulnerability.parse("x", "NOT AFFECTED")).extracting(CpuVulnerability::state).isEqualTo("not affected");
    }

    @Property(tries = 300)
    void anyVulnerabilityTextParses(@ForAll String text) {
        assertThat(CpuVulnerability.parse("x", text).state())
                .isIn("not affected", "vulnerable", "mitigation", "unknown");
    }

    @Test
    void vulnerabilitiesOfTheFixtureAndNoneWithoutTheDirectory(@TempDir Path empty) throws Exception {
        List<CpuVulnerability> all = CpuVulnerability.read(SYS);
        assertThat(all).hasSizeGreaterThan(10).contains(new CpuVulnerability("meltdown", "mitigation", "PTI"));
        assertThat(CpuVulnerability.read(empty)).isEmpty();
    }

    @Test
    void onlyAmdgpuCardsAreRead() throws Exception {
        assertThat(DrmAmdgpuCard.read(SYS)).containsExactly(new DrmAmdgpuCard("card0", 4, 8573157376L, 144560128L,
                268435456L, 22822912L, 8573157376L, 1263730688L, "samsung", "manual", "0123456789abcdef"));
    }

    @Test
    void amdgpuAttributesThatAreMissingOrNotNumbersAreZero(@TempDir Path sys) throws Exception {
        Path dev = Files.createDirectories(sys.resolve("devices/gpu"));
        Files.createDirectories(sys.resolve("class/drm/card3"));
        Files.createSymbolicLink(sys.resolve("class/drm/card3/device"), dev);
        Files.writeString(dev.resolve("uevent"), "DRIVER=amdgpu\n");
        Files.writeString(dev.resolve("gpu_busy_percent"), "busy\n");
        Files.writeString(dev.resolve("mem_info_vram_total"), "0x100\n");
        assertThat(DrmAmdgpuCard.read(sys)).containsExactly(
                new DrmAmdgpuCard("card3", 0, 0, 0, 0, 0, 256, 0, "", "", ""));
        Files.delete(dev.resolve("uevent"));
        assertThatThrownBy(() -> DrmAmdgpuCard.read(sys)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void nvmeSubsystemsWithTheirPathsAndNamespaces() throws Exception {
        List<NvmeSubsystem> all = NvmeSubsystem.read(SYS);
        assertThat(all).extracting(NvmeSubsystem::name).containsExactly("nvme-subsys0", "nvme-subsys1");
        assertThat(all.get(0).controllers()).containsExactly(
                new NvmeSubsystem.Controller("nvme0", "live", "tcp", "traddr=192.168.10.5,trsvcid=4420,src_addr=192.168.10.20"),
                new NvmeSubsystem.Controller("nvme1", "connecting", "tcp", "traddr=192.168.11.5,trsvcid=4420"));
        assertThat(all.get(0).namespaces()).containsExactly("nvme0n1");
        assertThat(all.get(1).controllers().get(0).state()).isEqualTo("deleting (no IO)");
        assertThat(NvmeSubsystem.isController("nvme12")).isTrue();
        assertThat(NvmeSubsystem.isController("nvme")).isFalse();
        assertThat(NvmeSubsystem.isController("nvme1n1")).isFalse();
        assertThat(NvmeSubsystem.isNamespace("nvme1n12")).isTrue();
        assertThat(NvmeSubsystem.isNamespace("nvmen1")).isFalse();
        assertThat(NvmeSubsystem.isNamespace("nvme1n")).isFalse();
        assertThat(NvmeSubsystem.isNamespace("nvme1c1n1")).isFalse();
    }

    @Test
    void aMissingNvmeAttributeFailsTheRead(@TempDir Path sys) throws Exception {
        assertThatThrownBy(() -> NvmeSubsystem.read(sys)).isInstanceOf(NoSuchFileException.class);
        Path s = sys.resolve("class/nvme-subsystem/nvme-subsys0");
        Files.createDirectories(s.resolve("nvme0"));
        for (String f : new String[] {"subsysnqn", "model", "serial", "iopolicy"}) {
            Files.writeString(s.resolve(f), "x\n");
        }
        Files.writeString(s.resolve("nvme0/state"), "live\n");
        Files.writeString(s.resolve("nvme0/transport"), "tcp\n");
        assertThatThrownBy(() -> NvmeSubsystem.read(sys)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("address");
    }

    @Test
    void pciDevicesWithParentsLinksAndSriov() throws Exception {
        List<PciDevice> all = PciDevice.read(SYS);
        assertThat(all).hasSize(8);
        PciDevice nic = all.stream().filter(d -> d.location().bus() == 2).findFirst().orElseThrow();
        assertThat(nic).isEqualTo(new PciDevice(new PciDevice.Location(0, 2, 0, 0), new PciDevice.Location(0, 0, 0x1c, 0),
                0x020000, 0x8086, 0x1521, 0x8086, 0x0001, 1, 0, 5.0, 4.0, null, 4.0, true, 2L, 7L, 0L, false, "D3hot"));
        PciDevice host = all.get(0);
        assertThat(host.location()).isEqualTo(new PciDevice.Location(0, 0, 0, 0));
        assertThat(host.parent()).isNull();
        assertThat(host.numaNode()).isEqualTo(-1);
        assertThat(host.maxLinkSpeed()).isNull();
        assertThat(new PciDevice.Location(0x10, 0xa, 0x1f, 7).labels()).containsExactly("0010", "0a", "1f", "7");
    }

    @Test
    void pciValuesUpstreamRejectsFailTheRead(@TempDir Path sys) throws Exception {
        Path dev = Files.createDirectories(sys.resolve("devices/pci0000:00/0000:00:01.0"));
        Files.createDirectories(sys.resolve("bus/pci/devices"));
        Files.createSymbolicLink(sys.resolve("bus/pci/devices/0000:00:01.0"),
                Path.of("../../../devices/pci0000:00/0000:00:01.0"));
        for (String f : new String[] {"class", "vendor", "device", "subsystem_vendor", "subsystem_device", "revision"}) {
            Files.writeString(dev.resolve(f), "0x0001\n");
        }
        assertThat(PciDevice.read(sys)).hasSize(1);
        Files.writeString(dev.resolve("max_link_speed"), "2.5 GT/s\n"); // a kernel before 4.x: no " PCIe"
        assertThatThrownBy(() -> PciDevice.read(sys)).isInstanceOf(IOException.class).hasMessageContaining("unknown unit");
        Files.writeString(dev.resolve("max_link_speed"), "Unknown\n");
        Files.writeString(dev.resolve("class"), "0x100000000\n");
        assertThatThrownBy(() -> PciDevice.read(sys)).isInstanceOf(IOException.class).hasMessageContaining("class");
        Files.writeString(dev.resolve("class"), "0x1\n");
        Files.writeString(dev.resolve("sriov_numvfs"), "-1\n");
        assertThatThrownBy(() -> PciDevice.read(sys)).isInstanceOf(IOException.class);
        Files.delete(dev.resolve("sriov_numvfs"));
        Files.delete(dev.resolve("revision"));
        assertThatThrownBy(() -> PciDevice.read(sys)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void pciLocationsAsUpstreamParsesThem() throws Exception {
        assertThat(PciDevice.Location.parse("0000:3b:00.1")).isEqualTo(new PciDevice.Location(0, 0x3b, 0, 1));
        for (String bad : List.of("0000:00.0", "0000:00:00", "0000:00:00.0.1", "zz:00:00.0", "pci0000:00")) {
            assertThatThrownBy(() -> PciDevice.Location.parse(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }

    private static final String IDS = """
            # a comment
            8086  Intel Corporation
            \t1521  I350 Gigabit Network Connection
            \t\t8086 0001  Ethernet Server Adapter I350-T4
            \t\t8086 0002  Ethernet Server Adapter I350-T2
            \t1522 lacks the two spaces
            1af4  Red Hat, Inc.
            \t1041  Virtio network device
            C 02  Network controller
            \t00  Ethernet controller
            \t\t01  An interface
            C 06  Bridge
            \t04  PCI bridge
            \t\t00  Normal decode
            """;

    @Test
    void pciIdsNamesAndFallbacks() throws Exception {
        PciIds ids = PciIds.read(new BufferedReader(new StringReader(IDS)), Set.of("8086"), Set.of("8086:1521"));
        assertThat(ids.vendorName("8086")).isEqualTo("Intel Corporation");
        assertThat(ids.vendorName("1af4")).as("not asked for").isEqualTo("1af4");
        assertThat(ids.deviceName("8086", "1521")).isEqualTo("I350 Gigabit Network Connection");
        assertThat(ids.deviceName("8086", "1522")).isEqualTo("1522");
        assertThat(ids.subsystemName("8086", "1521", "8086", "0002")).isEqualTo("Ethernet Server Adapter I350-T2");
        assertThat(ids.subsystemName("8086", "1521", "1028", "0002")).isEqualTo("0002");
        assertThat(ids.className("060400")).isEqualTo("Normal decode");
        assertThat(ids.className("060401")).isEqualTo("PCI bridge");
        assertThat(ids.className("020001")).isEqualTo("An interface");
        assertThat(ids.className("068000")).isEqualTo("Bridge");
        assertThat(ids.className("ff0000")).isEqualTo("Unknown class (ff0000)");
        PciIds all = PciIds.read(new BufferedReader(new StringReader(IDS)), Set.of("8086", "1af4"),
                Set.of("8086:1521", "1af4:1041"));
        assertThat(all.deviceName("1af4", "1041")).isEqualTo("Virtio network device");
        assertThat(PciIds.empty().className("020000")).isEqualTo("Unknown class (020000)");
    }

    @Property(tries = 300)
    void anyPciIdsTextReads(@ForAll String junk) throws IOException {
        PciIds ids = PciIds.read(new BufferedReader(new StringReader(IDS + junk + "\n" + junk)), Set.of("8086"),
                Set.of("8086:1521"));
        assertThat(ids.className("")).isEqualTo("Unknown class ()");
    }

    @Test
    void theSystemPciIdsNamesThisMachinesVirtioNic() throws Exception {
        Path file = Path.of("/usr/share/misc/pci.ids"); // Debian's pci.ids package, in scripts/test.sh
        assertThat(file).as("apt-get install pci.ids").exists();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            PciIds ids = PciIds.read(in, Set.of("1af4"), Set.of("1af4:1041"));
            assertThat(ids.vendorName("1af4")).isEqualTo("Red Hat, Inc.");
            assertThat(ids.deviceName("1af4", "1041")).isEqualTo("Virtio 1.0 network device");
            assertThat(ids.className("020000")).isEqualTo("Ethernet controller");
        }
    }
}
