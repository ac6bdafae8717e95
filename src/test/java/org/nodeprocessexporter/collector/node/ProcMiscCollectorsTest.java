package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.NoDataException;

/** cgroups, drbd, lnstat and xfrm: over the fixtures, over bad input, and over this machine. */
class ProcMiscCollectorsTest {
    private static final Path EXPECTED = Path.of("src/test/resources/expected");

    private static Collector live(CollectorSpec spec) throws Exception {
        return CollectorHarness.build(spec, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }

    private static Collector over(CollectorSpec spec, Path proc) throws Exception {
        return CollectorHarness.build(spec, proc, proc, proc);
    }

    /** The scrape over the fixtures equals expected/NAME.prom ({@code -Dgolden.update=true} rewrites it). */
    private static void golden(CollectorSpec spec) throws Exception {
        String out = CollectorHarness.scrapeFixtures(spec);
        Path expected = EXPECTED.resolve(spec.name() + ".prom");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, out);
        }
        assertThat(out).isEqualTo(Files.readString(expected));
    }

    @Test
    void cgroupsFromTheFixture() throws Exception {
        String out = CollectorHarness.scrapeFixtures(CgroupsCollector.SPEC);
        assertThat(ScrapedSamples.lines(out, "node_cgroups_cgroups")).startsWith("""
                # HELP node_cgroups_cgroups Current cgroup number of the subsystem.
                # TYPE node_cgroups_cgroups gauge
                node_cgroups_cgroups{subsys_name="blkio"} 3.0
                node_cgroups_cgroups{subsys_name="cpu"} 3.0
                """).contains("node_cgroups_cgroups{subsys_name=\"memory\"} 58.0\n");
        assertThat(ScrapedSamples.lines(out, "node_cgroups_enabled")).startsWith("""
                # HELP node_cgroups_enabled Current cgroup number of the subsystem.
                # TYPE node_cgroups_enabled gauge
                node_cgroups_enabled{subsys_name="blkio"} 1.0
                """);
        assertThat(ScrapedSamples.of(out)).hasSize(24);
    }

    @Test
    void cgroupsMissingOrMalformed(@TempDir Path proc) throws Exception {
        Collector c = over(CgroupsCollector.SPEC, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoSuchFileException.class);
        Files.writeString(proc.resolve("cgroups"), "#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t1\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(IOException.class);
    }

    /** Every controller /proc/cgroups names, with its enabled flag; the counts move as cgroups come and go. */
    @Test
    void cgroupsLiveNamesEveryController() throws Exception {
        Map<String, Double> enabled = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/cgroups"))) {
            if (!line.startsWith("#")) {
                String[] f = line.split("\\s+");
                enabled.put("node_cgroups_enabled{subsys_name=\"" + f[0] + "\"}", Double.parseDouble(f[3]));
            }
        }
        Map<String, Double> samples = ScrapedSamples.of(CollectorHarness.scrape(live(CgroupsCollector.SPEC)));
        assertThat(enabled).isNotEmpty();
        assertThat(samples).containsAllEntriesOf(enabled).hasSize(enabled.size() * 2);
    }

    @Test
    void drbdFromTheHandWrittenFixture() throws Exception {
        golden(DrbdCollector.SPEC);
        String out = CollectorHarness.scrapeFixtures(DrbdCollector.SPEC);
        assertThat(out).contains("# TYPE node_drbd_network_sent_bytes_total counter\n",
                "node_drbd_network_sent_bytes_total{device=\"drbd0\"} 2097152.0\n",
                // upstream takes nr as bytes, unlike the other KiB counters
                "node_drbd_network_received_bytes_total{device=\"drbd0\"} 1024.0\n",
                "node_drbd_disk_state_is_up_to_date{device=\"drbd1\",node=\"local\"} 0.0\n",
                "node_drbd_node_role_is_primary{device=\"drbd1\",node=\"remote\"} 1.0\n",
                "node_drbd_connected{device=\"drbd2\"} 0.0\n",
                "node_drbd_out_of_sync_bytes{device=\"drbd1\"} 1.073741824E9\n");
        assertThat(out).doesNotContain("unknown");
    }

    @Test
    void drbdWithoutTheFileIsNoDataAndABadCounterAnError(@TempDir Path proc) throws Exception {
        Collector c = over(DrbdCollector.SPEC, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        Files.writeString(proc.resolve("drbd"), " 0: cs:StandAlone ro:Primary ds:Diskless\n    ns:12x\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(IOException.class).hasMessageContaining("12x");
        // a role without its remote half is skipped (upstream would index past the split)
        Files.writeString(proc.resolve("drbd"), " 0: cs:StandAlone ro:Primary ds:Diskless/DUnknown\n");
        assertThat(CollectorHarness.scrape(c)).isEqualTo("""
                # HELP node_drbd_connected Whether DRBD is connected to the peer.
                # TYPE node_drbd_connected gauge
                node_drbd_connected{device="drbd0"} 0.0
                # HELP node_drbd_disk_state_is_up_to_date Whether the disk of the node is up to date.
                # TYPE node_drbd_disk_state_is_up_to_date gauge
                node_drbd_disk_state_is_up_to_date{device="drbd0",node="local"} 0.0
                node_drbd_disk_state_is_up_to_date{device="drbd0",node="remote"} 0.0
                """);
    }

    @Test
    void lnstatFromTheFixture() throws Exception {
        golden(LnstatCollector.SPEC);
        String out = CollectorHarness.scrapeFixtures(LnstatCollector.SPEC);
        assertThat(ScrapedSamples.lines(out, "node_lnstat_table_fulls_total")).isEqualTo("""
                # HELP node_lnstat_table_fulls_total linux network cache stats
                # TYPE node_lnstat_table_fulls_total counter
                node_lnstat_table_fulls_total{cpu="0",subsystem="arp_cache"} 0.0
                node_lnstat_table_fulls_total{cpu="0",subsystem="ndisc_cache"} 0.0
                node_lnstat_table_fulls_total{cpu="1",subsystem="arp_cache"} 0.0
                node_lnstat_table_fulls_total{cpu="1",subsystem="ndisc_cache"} 0.0
                """);
        // every column of every file, one series per CPU line
        assertThat(out).contains("node_lnstat_search_restart_total{cpu=\"1\",subsystem=\"nf_conntrack\"} 0.0\n",
                "node_lnstat_conn_reopened_total{cpu=\"1\",subsystem=\"synproxy\"} 0.0\n",
                "node_lnstat_in_hlist_search_total{cpu=\"0\",subsystem=\"rt_cache\"}");
    }

    @Test
    void lnstatWithoutTheDirectorySucceedsEmptyAndFailsOnGarbage(@TempDir Path proc) throws Exception {
        Collector c = over(LnstatCollector.SPEC, proc);
        assertThat(CollectorHarness.scrape(c)).isEmpty();
        Files.createDirectories(proc.resolve("net/stat"));
        Files.writeString(proc.resolve("net/stat/arp_cache"), "entries\nzz\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(IOException.class);
    }

    /**
     * The neighbour table's counters are global: an ARP resolution in a network namespace this
     * test makes (TEST-NET-1 on a veth pair that exists only there) moves them on the host.
     */
    @Test
    void lnstatLiveCountersMoveWithNeighbourLookups() throws Exception {
        Collector c = live(LnstatCollector.SPEC);
        Map<String, Double> before = ScrapedSamples.of(CollectorHarness.scrape(c));
        assertThat(before).containsKey("node_lnstat_allocs_total{cpu=\"0\",subsystem=\"arp_cache\"}");
        inPrivateNetns("ip link add v0 type veth peer name v1 && ip addr add 192.0.2.1/24 dev v0"
                + " && ip link set v0 up && ip link set v1 up && exec 3>/dev/udp/192.0.2.2/9 && echo x >&3");
        Map<String, Double> after = ScrapedSamples.of(CollectorHarness.scrape(c));
        assertThat(sum(after, "node_lnstat_allocs_total", "arp_cache"))
                .isGreaterThan(sum(before, "node_lnstat_allocs_total", "arp_cache"));
        before.forEach((series, v) -> {
            if (after.containsKey(series) && !series.startsWith("node_lnstat_entries_total")) {
                assertThat(after.get(series)).as(series).isGreaterThanOrEqualTo(v);
            }
        });
    }

    private static double sum(Map<String, Double> samples, String family, String subsystem) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith(family + "{") && e.getKey().contains("subsystem=\"" + subsystem + "\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void xfrmFromTheFixture() throws Exception {
        golden(XfrmCollector.SPEC);
        assertThat(ScrapedSamples.of(CollectorHarness.scrapeFixtures(XfrmCollector.SPEC))).hasSize(28);
    }

    @Test
    void xfrmCountersAndBadInput(@TempDir Path proc) throws Exception {
        Collector c = over(XfrmCollector.SPEC, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/xfrm_stat"), "XfrmInNoStates\t17\nXfrmAcquireError 3\nXfrmInIptfsError 9\n");
        String out = CollectorHarness.scrape(c);
        assertThat(out).contains("""
                # HELP node_xfrm_acquire_error_packets_total State hasn’t been fully acquired before use
                # TYPE node_xfrm_acquire_error_packets_total counter
                node_xfrm_acquire_error_packets_total 3.0
                """, "node_xfrm_in_no_states_packets_total 17.0\n", "node_xfrm_out_error_packets_total 0.0\n");
        assertThat(out).doesNotContain("iptfs");
        Files.writeString(proc.resolve("net/xfrm_stat"), "XfrmInNoStates\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(IOException.class);
    }

    /**
     * An IPsec policy without a state in a network namespace this test makes: a UDP datagram it
     * covers is dropped and counted in XfrmOutNoStates of that namespace, which the collector reads
     * through {@code /proc/<pid>/net/xfrm_stat} of a process there.
     */
    @Test
    void xfrmLiveCountsPacketsAPolicyDrops() throws Exception {
        assertThat(Path.of("/proc/net/xfrm_stat")).as("CONFIG_XFRM_STATISTICS").exists();
        requireTools();
        assertThat(ScrapedSamples.of(CollectorHarness.scrape(live(XfrmCollector.SPEC)))).hasSize(28);
        Process p = new ProcessBuilder("unshare", "--net", "--", "bash", "-c",
                "ip link set lo up && ip link add v0 type veth peer name v1 && ip addr add 192.0.2.1/24 dev v0"
                        + " && ip link set v0 up && ip xfrm policy add dir out src 192.0.2.1 dst 192.0.2.2 proto udp"
                        + " tmpl proto esp mode transport level required"
                        + " && exec 3>/dev/udp/192.0.2.2/9 && echo x >&3 && echo ready && read")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            Assumptions.assumeTrue("ready".equals(first), "the kernel refused a network namespace or xfrm policy");
            Collector inNs = over(XfrmCollector.SPEC, Path.of("/proc/" + p.pid()));
            Map<String, Double> samples = ScrapedSamples.of(CollectorHarness.scrape(inNs));
            assertThat(samples.get("node_xfrm_out_no_states_packets_total")).isGreaterThanOrEqualTo(1.0);
            assertThat(samples.get("node_xfrm_in_no_states_packets_total")).isZero();
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code script} in bash inside a new network namespace and waits for it. */
    static void inPrivateNetns(String script) throws Exception {
        requireTools();
        Process p = new ProcessBuilder(List.of("unshare", "--net", "--", "bash", "-c", script))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(p.exitValue() == 0, "the kernel refused a network namespace: " + out);
    }

    /** unshare (util-linux), ip (iproute2) and bash: packages scripts/test.sh installs, so their absence fails. */
    static void requireTools() {
        for (String tool : List.of("unshare", "ip", "bash")) {
            boolean found = java.util.Arrays.stream(System.getenv("PATH").split(":"))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)))
                    || Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
            assertThat(found).as(tool + " on this machine").isTrue();
        }
    }
}
