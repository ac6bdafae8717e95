package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;

/**
 * The whole exporter against node_exporter 1.5 ({@code /usr/bin/prometheus-node-exporter}) on this
 * machine, both with upstream's default collectors: every {@code node_*} family node_exporter emits
 * here we emit too, with the same type and label names, except the deliberate differences listed in
 * {@link #DIFFERENCES} (the same list, with the same reasons, is in docs/differences.md); constants
 * are equal; counters moved forward only by what can happen between the two scrapes.
 */
class NodeExporterParityTest {
    /**
     * Flags given to both exporters so that they look at the same things. Debian patched some of
     * node_exporter 1.5's defaults; these put upstream's (1.12) defaults back on both sides.
     * <ul>
     *   <li>{@code --collector.netdev.device-exclude=}: Debian's default is {@code ^lo$}; upstream
     *       excludes no device.</li>
     *   <li>{@code --collector.filesystem.mount-points-exclude=...}: Debian's default also excludes
     *       /run, /mnt and /media; upstream 1.12's default, which is ours.</li>
     *   <li>{@code --collector.filesystem.fs-types-exclude=...}: upstream 1.12's default, which adds
     *       erofs to 1.5's list.</li>
     *   <li>{@code --collector.diskstats.device-exclude=...}: upstream 1.12's default, which also
     *       excludes zram devices (1.5 does not).</li>
     *   <li>{@code --collector.textfile.directory=<fixture dir>}: Debian's build reads
     *       /var/lib/prometheus/node-exporter by default, upstream's reads nothing; both read the
     *       same two fixture files, so the textfile families are compared too.</li>
     * </ul>
     */
    private static final String TEXTFILE_DIR = "src/test/resources/fixtures/textfile";
    private static final List<String> BOTH = List.of("--collector.netdev.device-exclude=",
            "--collector.filesystem.mount-points-exclude="
                    + "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)",
            "--collector.filesystem.fs-types-exclude=^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts"
                    + "|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs"
                    + "|securityfs|selinuxfs|squashfs|erofs|sysfs|tracefs)$",
            "--collector.diskstats.device-exclude=^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$",
            "--collector.textfile.directory=" + TEXTFILE_DIR);

    /**
     * Only for node_exporter 1.5: {@code --no-collector.systemd}, because Debian enables its
     * systemd collector by default (upstream does not, and we have none: it needs D-Bus).
     */
    private static final List<String> THEIRS_ONLY = List.of("--no-collector.systemd");

    /**
     * Only for us: {@code --no-collector.process_detail} (not a node_exporter collector; it would
     * only make the scrape slower, its families are not node_*).
     */
    private static final List<String> OURS_ONLY = List.of("--no-collector.process_detail");

    /**
     * THE list of deliberate differences from node_exporter 1.5 on this machine: family, and why.
     * A family named here may be missing from our output or have another type or other label names;
     * every other family node_exporter emits must match.
     */
    static final Map<String, String> DIFFERENCES = differences();

    private static Map<String, String> differences() {
        Map<String, String> d = new TreeMap<>();
        String deviceError = "node_exporter 1.12 labels every filesystem series with device_error (the statfs "
                + "error, empty when none), 1.5 has no such label.";
        for (String f : List.of("avail_bytes", "device_error", "files", "files_free", "free_bytes", "readonly",
                "size_bytes")) {
            d.put("node_filesystem_" + f, deviceError);
        }
        d.put("node_disk_info", "node_exporter 1.12 adds the rotational label (from /sys/block/<dev>/queue/"
                + "rotational); 1.5 has none.");
        d.put("node_network_info", "node_exporter 1.12 adds the adminstate label (IFF_UP of the interface "
                + "flags); 1.5 has none.");
        return d;
    }

    /**
     * node_exporter collectors we do not have yet (work in progress, not a deliberate difference):
     * their success is not compared. They all report 0 on this machine (no such hardware), so none of
     * their families is missing from the comparison above.
     */
    static final List<String> NOT_YET_IMPLEMENTED = List.of();

    /** Families whose every series must have the same labels and value on both sides. */
    private static final List<String> CONSTANTS = List.of(
            "node_boot_time_seconds", "node_memory_MemTotal_bytes", "node_memory_SwapTotal_bytes",
            "node_memory_HugePages_Total", "node_memory_Hugepagesize_bytes", "node_memory_VmallocTotal_bytes",
            "node_filesystem_size_bytes", "node_filesystem_files", "node_filesystem_readonly",
            "node_filesystem_device_error", "node_disk_info", "node_uname_info", "node_os_info", "node_os_version",
            "node_cpu_info", "node_cpu_frequency_max_hertz", "node_cpu_frequency_min_hertz", "node_cpu_guest_seconds_total",
            "node_network_info", "node_network_mtu_bytes", "node_network_address_assign_type",
            "node_network_device_id", "node_network_iface_id", "node_network_iface_link",
            "node_network_iface_link_mode", "node_network_protocol_type", "node_network_transmit_queue_length",
            "node_network_net_dev_group", "node_network_flags", "node_network_up", "node_network_dormant",
            "node_network_carrier", "node_network_speed_bytes", "node_filefd_maximum", "node_entropy_pool_size_bits",
            "node_nf_conntrack_entries_limit", "node_selinux_enabled", "node_time_zone_offset_seconds",
            "node_time_clocksource_available_info", "node_time_clocksource_current_info",
            "node_timex_tick_seconds", "node_cooling_device_max_state", "node_power_supply_info",
            "node_textfile_scrape_error", "node_textfile_mtime_seconds", "machine_role",
            "backup_last_success_timestamp_seconds", "backup_runs_total", "node_xfs_vnode_active_total");

    /** The parity figure this machine reached when the test was written; it may only go up. */
    private static final double PARITY_FLOOR = 0.95;

    @Test
    void sameFamiliesTypesLabelsAndValuesAsNodeExporter(@TempDir Path tmp) throws Exception {
        SideBySide.Scrapes scrapes = SideBySide.scrape(tmp, BOTH, THEIRS_ONLY, OURS_ONLY);
        Exposition theirs = scrapes.theirs();
        Exposition ours = scrapes.ours();

        List<String> problems = new ArrayList<>();
        int emitted = 0;
        int matched = 0;
        for (String family : theirs.types.keySet()) {
            if (describesTheProgram(family)) {
                continue;
            }
            emitted++;
            String type = ours.types.get(family);
            boolean same = theirs.types.get(family).equals(type)
                    && theirs.labelNames.get(family).equals(ours.labelNames.get(family));
            if (same) {
                matched++;
            } else if (!DIFFERENCES.containsKey(family)) {
                problems.add(family + ": theirs " + theirs.types.get(family) + " " + theirs.labelNames.get(family)
                        + ", ours " + type + " " + ours.labelNames.get(family));
            }
        }
        for (String family : DIFFERENCES.keySet()) {
            if (theirs.types.containsKey(family) && theirs.types.get(family).equals(ours.types.get(family))
                    && theirs.labelNames.get(family).equals(ours.labelNames.get(family))) {
                problems.add(family + " is listed as a difference but matches: take it off the list");
            }
        }

        for (String family : CONSTANTS) {
            if (!theirs.types.containsKey(family)) {
                continue; // not on this machine
            }
            // A label 1.12 added (listed in DIFFERENCES) is dropped from our series before comparing.
            Map<String, Double> ourSeries = scrapes.oursProjected(family, theirs.labelNames.get(family));
            if (!ourSeries.equals(theirs.family(family))) {
                problems.add(family + " differs: theirs " + theirs.family(family) + ", ours " + ourSeries);
            }
        }

        // Each collector node_exporter runs here succeeds or fails (no such hardware) with us too;
        // we run a few more (1.12's), which are not compared.
        for (Map.Entry<String, Double> s : theirs.family("node_scrape_collector_success").entrySet()) {
            if (NOT_YET_IMPLEMENTED.stream().anyMatch(c -> s.getKey().contains("\"" + c + "\""))) {
                continue;
            }
            if (!s.getValue().equals(ours.value(s.getKey()))) {
                problems.add(s.getKey() + ": theirs " + s.getValue() + ", ours " + ours.value(s.getKey()));
            }
        }

        for (Map.Entry<String, String> e : theirs.types.entrySet()) {
            if (!e.getValue().equals("counter") || DIFFERENCES.containsKey(e.getKey()) || describesTheProgram(e.getKey())) {
                continue; // process_cpu_seconds_total: ours runs inside the test JVM
            }
            for (Map.Entry<String, Double> s : theirs.family(e.getKey()).entrySet()) {
                Double our = ours.value(s.getKey());
                double their = s.getValue();
                if (our == null) {
                    continue; // a series that came or went between the scrapes (a CPU, a device)
                }
                // Go and Java round a unit conversion differently in the last bit (10532361 µs is
                // 10.532361000000002 s in Go): "not lower" allows that much
                double lastBits = Math.ulp(their) * 4;
                if (our < their - lastBits || our > their * 1.5 + allowance(e.getKey())) {
                    problems.add(s.getKey() + ": theirs " + their + ", ours " + our);
                }
            }
        }

        double parity = (double) matched / emitted;
        System.out.printf("node_exporter 1.5 parity: %d of %d node families matched (%.1f%%)%n", matched, emitted,
                100 * parity);
        assertThat(problems).as("differences from node_exporter 1.5 that are not listed in DIFFERENCES").isEmpty();
        assertThat(parity).as("families matched / families node_exporter emits").isGreaterThanOrEqualTo(PARITY_FLOOR);
    }

    /**
     * How far a counter may move between their scrape and ours beyond half its value: bytes and
     * packets over loopback include the scrapes themselves.
     */
    private static double allowance(String family) {
        return family.endsWith("_bytes_total") ? 50e6 : family.endsWith("_seconds_total") ? 60 : 100_000;
    }

    /** The exporter's own metrics describe the program, not the host: not compared. */
    private static boolean describesTheProgram(String family) {
        return family.equals("node_exporter_build_info") || family.startsWith("go_") || family.startsWith("process_")
                || family.startsWith("promhttp_");
    }
}
