package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;

/**
 * mountstats and perf side by side with node_exporter 1.5, with the same flags on both sides.
 * mountstats over the same fixture tree (NFS cannot be mounted on the development VM, see
 * {@code scripts/capture-fixtures-mountperf.sh}) and over this machine's {@code /proc}; perf over
 * this machine's kernel.
 */
public class MountstatsPerfParityTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    /** node_exporter 1.12 families that 1.5 lacks, and why. */
    static final Map<String, String> MOUNTSTATS_NEW_IN_1_12 = Map.of(
            "node_mountstats_nfs_mountpoint_info", "added by 1.12 (#3554): one series per mount point",
            "node_mountstats_nfs_operations_errors_total", "the per-op error count (Linux 5.3), read since procfs 0.10");

    /** 1.12 labels its transport families with the transport's index (#3358, nconnect); 1.5 does not. */
    static final Set<String> TRANSPORT_FAMILIES = Set.of("node_mountstats_nfs_transport_bind_total",
            "node_mountstats_nfs_transport_connect_total", "node_mountstats_nfs_transport_idle_time_seconds",
            "node_mountstats_nfs_transport_sends_total", "node_mountstats_nfs_transport_receives_total",
            "node_mountstats_nfs_transport_bad_transaction_ids_total",
            "node_mountstats_nfs_transport_backlog_queue_total", "node_mountstats_nfs_transport_maximum_rpc_slots",
            "node_mountstats_nfs_transport_sending_queue_total", "node_mountstats_nfs_transport_pending_queue_total");

    /**
     * A procfs tree with {@code self} a link to a process directory holding {@code files}, as
     * node_exporter needs it (it resolves the link at start-up).
     */
    static Path procWithSelf(Path tmp, Map<String, Path> files) throws Exception {
        Path proc = tmp.resolve("proc");
        Path pid = Files.createDirectories(proc.resolve("4242"));
        for (var f : files.entrySet()) {
            Files.copy(f.getValue(), pid.resolve(f.getKey()));
        }
        Files.createSymbolicLink(proc.resolve("self"), Path.of("4242"));
        return proc;
    }

    /**
     * Every family and series node_exporter 1.5 has, we have with the same type, labels and value,
     * but for the differences of 1.12 listed above; and we add nothing else.
     */
    public static List<String> mountstatsDifferences(SideBySide.Scrapes s) {
        Exposition theirs = s.theirs();
        Exposition ours = s.ours();
        List<String> problems = new ArrayList<>(s.successDifferences());
        for (String family : theirs.types.keySet()) {
            if (!family.startsWith("node_mountstats_")) {
                continue;
            }
            Set<String> expectedLabels = new TreeSet<>(theirs.labelNames.get(family));
            if (TRANSPORT_FAMILIES.contains(family)) {
                expectedLabels.add("transport");
            }
            if (!theirs.types.get(family).equals(ours.types.get(family))
                    || !expectedLabels.equals(ours.labelNames.get(family))) {
                problems.add(family + ": theirs " + theirs.types.get(family) + " " + theirs.labelNames.get(family)
                        + ", ours " + ours.types.get(family) + " " + ours.labelNames.get(family));
                continue;
            }
            Map<String, Double> ourSeries = TRANSPORT_FAMILIES.contains(family)
                    ? s.oursProjected(family, theirs.labelNames.get(family)) : ours.family(family);
            if (!ourSeries.equals(theirs.family(family))) {
                problems.add(family + " differs: theirs " + theirs.family(family) + ", ours " + ourSeries);
            }
        }
        for (String family : ours.types.keySet()) {
            if (family.startsWith("node_mountstats_") && !theirs.types.containsKey(family)
                    && !MOUNTSTATS_NEW_IN_1_12.containsKey(family)) {
                problems.add(family + ": only ours");
            }
        }
        return problems;
    }

    @Test
    void mountstatsOverTheSameFixtureTree(@TempDir Path tmp) throws Exception {
        Path proc = procWithSelf(tmp, Map.of("mountstats", FIXTURES.resolve("handmade/mountstats-1.5"),
                "mountinfo", FIXTURES.resolve("handmade/mountinfo-1.5")));
        SideBySide.Scrapes s = SideBySide.scrape(tmp, "--collector.mountstats", "--path.procfs=" + proc);
        assertThat(s.theirs().value("node_scrape_collector_success{collector=\"mountstats\"}")).isEqualTo(1.0);
        assertThat(s.theirs().types.keySet().stream().filter(f -> f.startsWith("node_mountstats_")))
                .as("node_exporter read the fixture").hasSize(53);
        assertThat(mountstatsDifferences(s)).isEmpty();
        assertThat(s.ours().types).containsKeys(MOUNTSTATS_NEW_IN_1_12.keySet().toArray(String[]::new));
        // four exports (one mounted twice), one series each
        assertThat(s.ours().family("node_mountstats_nfs_age_seconds_total")).hasSize(4);
        assertThat(s.ours().family("node_mountstats_nfs_mountpoint_info")).hasSize(5);
    }

    /** This machine's own mount table, whatever it holds: the same series (none without NFS mounts). */
    @Test
    void mountstatsOverThisMachinesProc(@TempDir Path tmp) throws Exception {
        SideBySide.Scrapes s = SideBySide.scrape(tmp, "--collector.mountstats");
        assertThat(s.theirs().value("node_scrape_collector_success{collector=\"mountstats\"}")).isEqualTo(1.0);
        List<String> problems = mountstatsDifferences(s);
        if (Files.readString(Path.of("/proc/self/mountstats")).contains(" with fstype nfs")) {
            // counters may move between the two scrapes; compare the shapes and that nothing went back
            problems.removeIf(p -> p.contains(" differs: "));
            problems.addAll(s.counterDifferences(1e12, s.theirs().types.keySet().stream()
                    .filter(f -> f.startsWith("node_mountstats_") && f.endsWith("_total")
                            && !TRANSPORT_FAMILIES.contains(f)).toArray(String[]::new)));
        }
        assertThat(problems).isEmpty();
    }
}
