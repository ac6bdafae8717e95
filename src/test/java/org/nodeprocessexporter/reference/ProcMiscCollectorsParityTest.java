package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;

/**
 * cgroups, drbd, drm, lnstat and sysctl (the collectors of this group that node_exporter 1.5 has;
 * cpu_vulnerabilities, nvmesubsystem, pcidevice and xfrm came after it) against node_exporter 1.5
 * run side by side with the same flags: over this machine, and over the fixture tree, where the
 * hand-written /proc/drbd and amdgpu card give both something to read and every value must match,
 * but for the one difference 1.12 makes on purpose, {@link #NOT_AMDGPU}.
 */
class ProcMiscCollectorsParityTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final List<String> COLLECTORS = List.of("--collector.cgroups", "--collector.drbd",
            "--collector.drm", "--collector.lnstat", "--collector.sysctl",
            "--collector.sysctl.include=net.ipv4.tcp_rmem", "--collector.sysctl.include=net.ipv4.tcp_wmem:min,default,max",
            "--collector.sysctl.include=vm.swappiness", "--collector.sysctl.include=kernel.pid_max",
            "--collector.sysctl.include-info=kernel.seccomp.actions_avail",
            "--collector.sysctl.include-info=kernel.osrelease");
    private static final List<String> PREFIXES = List.of("node_cgroups_", "node_drbd_", "node_drm_", "node_lnstat_",
            "node_sysctl_");

    /**
     * node_exporter 1.5's procfs appends every {@code card[0-9]} to its amdgpu cards, a card of
     * another driver (the fixture's i915 card1) with all values 0 and {@code vendor="amd"};
     * 1.12's procfs skips a card whose uevent does not name amdgpu, and so do we.
     */
    private static final String NOT_AMDGPU = "card=\"card1\"";

    private static SideBySide.Scrapes scrape(Path tmp, String... extra) throws Exception {
        List<String> both = new ArrayList<>(List.of("--collector.disable-defaults"));
        both.addAll(COLLECTORS);
        both.addAll(List.of(extra));
        return SideBySide.scrape(tmp, both, List.of(), List.of());
    }

    private static List<String> shapes(SideBySide.Scrapes s) {
        List<String> problems = new ArrayList<>();
        for (String prefix : PREFIXES) {
            problems.addAll(s.shapeDifferences(prefix));
        }
        return problems;
    }

    /** Every family either side has, among this group's. */
    private static Set<String> families(Exposition e) {
        Set<String> out = new java.util.TreeSet<>();
        for (String f : e.types.keySet()) {
            if (PREFIXES.stream().anyMatch(f::startsWith)) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void overTheFixtureTreeEveryValueMatches(@TempDir Path tmp) throws Exception {
        ReferenceBinaries.require(ReferenceBinaries.NODE_EXPORTER);
        SideBySide.Scrapes s = scrape(tmp, "--path.procfs=" + FIXTURES.resolve("proc").toAbsolutePath(),
                "--path.sysfs=" + FIXTURES.resolve("sys").toAbsolutePath());
        assertThat(s.successDifferences()).isEmpty();
        assertThat(s.theirs().family("node_scrape_collector_success")).hasSize(5).allSatisfy((k, v) -> assertThat(v).isEqualTo(1.0));
        assertThat(shapes(s)).isEmpty();
        Set<String> theirs = families(s.theirs());
        assertThat(theirs).contains("node_drbd_connected", "node_drm_card_info", "node_lnstat_allocs_total",
                "node_cgroups_enabled", "node_sysctl_info", "node_sysctl_net_ipv4_tcp_wmem_max");
        assertThat(families(s.ours())).isEqualTo(theirs);
        assertThat(s.valueDifferences(theirs.stream().filter(f -> !f.startsWith("node_drm_")).toArray(String[]::new)))
                .isEmpty();
        for (String drm : theirs.stream().filter(f -> f.startsWith("node_drm_")).toList()) {
            var expected = new java.util.TreeMap<>(s.theirs().family(drm));
            assertThat(expected.keySet().removeIf(k -> k.contains(NOT_AMDGPU))).as(drm + " has 1.5's card1").isTrue();
            assertThat(s.ours().family(drm)).as(drm).isEqualTo(expected);
        }
    }

    @Test
    void overThisMachine(@TempDir Path tmp) throws Exception {
        ReferenceBinaries.require(ReferenceBinaries.NODE_EXPORTER);
        SideBySide.Scrapes s = scrape(tmp);
        // drbd: no /proc/drbd here, so no data on both sides; drm: no card, success with nothing
        assertThat(s.successDifferences()).isEmpty();
        assertThat(s.theirs().value("node_scrape_collector_success{collector=\"drbd\"}")).isEqualTo(0.0);
        assertThat(shapes(s)).isEmpty();
        Set<String> theirs = families(s.theirs());
        assertThat(families(s.ours())).isEqualTo(theirs);
        // constants; the cgroup counts move with the machine's cgroups, only the names are compared
        assertThat(s.valueDifferences("node_cgroups_enabled", "node_sysctl_info", "node_sysctl_net_ipv4_tcp_rmem",
                "node_sysctl_net_ipv4_tcp_wmem_min", "node_sysctl_net_ipv4_tcp_wmem_default",
                "node_sysctl_net_ipv4_tcp_wmem_max", "node_sysctl_vm_swappiness", "node_sysctl_kernel_pid_max")).isEmpty();
        assertThat(s.ours().family("node_cgroups_cgroups").keySet())
                .isEqualTo(s.theirs().family("node_cgroups_cgroups").keySet());
        List<String> counters = theirs.stream().filter(f -> f.startsWith("node_lnstat_")
                && !f.equals("node_lnstat_entries_total")).toList();
        assertThat(counters).isNotEmpty();
        assertThat(s.counterDifferences(1000, counters.toArray(String[]::new))).isEmpty();
        assertThat(s.ours().family("node_lnstat_entries_total").keySet())
                .isEqualTo(s.theirs().family("node_lnstat_entries_total").keySet());
    }
}
