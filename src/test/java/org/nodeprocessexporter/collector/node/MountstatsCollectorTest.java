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

class MountstatsCollectorTest {
    private static final Path EXPECTED = Path.of("src/test/resources/expected/mountstats.prom");
    private static final String V3 = "export=\"192.168.1.10:/srv/export\",mountaddr=\"192.168.1.10\"";

    /** The expected file was written by this collector; the values below are worked out from the fixture. */
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        String out = CollectorHarness.scrapeFixtures(MountstatsCollector.SPEC);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(EXPECTED, out);
        }
        assertThat(out).isEqualTo(Files.readString(EXPECTED));
    }

    @Test
    void valuesFromTheFixtureByHand() throws Exception {
        String out = CollectorHarness.scrapeFixtures(MountstatsCollector.SPEC);
        assertThat(out)
                .contains("node_mountstats_nfs_age_seconds_total{" + V3 + ",protocol=\"tcp\"} 13968.0\n")
                .contains("node_mountstats_nfs_total_read_bytes_total{" + V3 + ",protocol=\"tcp\"} 5.0429952E7\n")
                .contains("node_mountstats_nfs_write_pages_total{" + V3 + ",protocol=\"tcp\"} 6147.0\n")
                // the 19th counter (congestion waits, 2331) is not exported; truncation is the 20th
                .contains("node_mountstats_nfs_event_vfs_file_release_total{" + V3 + ",protocol=\"tcp\"} 2220.0\n")
                .contains("node_mountstats_nfs_event_truncation_total{" + V3 + ",protocol=\"tcp\"} 2442.0\n")
                .doesNotContain(" 2331.0\n")
                .contains("node_mountstats_nfs_operations_request_time_seconds_total{" + V3
                        + ",operation=\"READ\",protocol=\"tcp\"} 43.06\n")
                .contains("node_mountstats_nfs_operations_errors_total{" + V3
                        + ",operation=\"LOOKUP\",protocol=\"tcp\"} 50.0\n")
                .contains("node_mountstats_nfs_transport_pending_queue_total{" + V3
                        + ",protocol=\"tcp\",transport=\"0\"} 21.0\n")
                // 9007199254741000 ms modulo 2^53, in seconds
                .contains("node_mountstats_nfs_operations_queue_time_seconds_total{export=\"10.0.0.7:/ib\","
                        + "mountaddr=\"10.0.0.7\",operation=\"READ\",protocol=\"rdma\"} 0.008\n")
                // nconnect=2: two transports of one mount
                .contains("node_mountstats_nfs_transport_sends_total{export=\"192.168.1.20:/\",mountaddr="
                        + "\"192.168.1.20\",protocol=\"tcp\",transport=\"1\"} 5002.0\n")
                .contains("node_mountstats_nfs_transport_maximum_rpc_slots{export=\"10.0.0.5:/old\",mountaddr="
                        + "\"10.0.0.5\",protocol=\"udp\",transport=\"0\"} 16.0\n");
        // the export mounted twice: its statistics once, both mount points in the info metric
        assertThat(out.lines().filter(l -> l.startsWith("node_mountstats_nfs_age_seconds_total{" + V3))).hasSize(1);
        assertThat(out.lines().filter(l -> l.startsWith("node_mountstats_nfs_mountpoint_info{" + V3)))
                .containsExactly(
                        "node_mountstats_nfs_mountpoint_info{" + V3 + ",mountpoint=\"/mnt/nfs3\",protocol=\"tcp\"} 1.0",
                        "node_mountstats_nfs_mountpoint_info{" + V3
                                + ",mountpoint=\"/mnt/nfs3\\\\040again\",protocol=\"tcp\"} 1.0");
        assertThat(out).contains("# TYPE node_mountstats_nfs_transport_idle_time_seconds gauge\n")
                .contains("# TYPE node_mountstats_nfs_mountpoint_info gauge\n")
                .contains("# TYPE node_mountstats_nfs_age_seconds_total counter\n");
    }

    private static Collector over(Path proc) throws Exception {
        return CollectorHarness.build(MountstatsCollector.SPEC, proc, proc, proc);
    }

    private static void write(Path proc, String name, String text) throws Exception {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self").resolve(name), text);
    }

    private static final String NFS = "device proc mounted on /proc with fstype proc\n"
            + "device s:/e mounted on /m with fstype nfs statvers=1.1\n\tage:\t5\n"
            + "\txprt:\tudp 1 2 3 4 5 6 7 8 9 10\n\tper-op statistics\n\t        NULL: 1 2 3 4 5 6 7 8 9\n\n";

    @Test
    void noFileIsNoData(@TempDir Path proc) throws Exception {
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc))).isInstanceOf(NoDataException.class);
    }

    @Test
    void withoutNfsMountsNothingAndNoMountinfoNeeded(@TempDir Path proc) throws Exception {
        write(proc, "mountstats", "device proc mounted on /proc with fstype proc\n");
        assertThat(CollectorHarness.scrape(over(proc))).isEmpty();
    }

    @Test
    void aMalformedFileFailsTheCollector(@TempDir Path proc) throws Exception {
        write(proc, "mountstats", NFS.replace("udp 1 2 3", "udp 1 2"));
        write(proc, "mountinfo", "");
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc)))
                .hasMessageStartingWith("failed to parse mountstats: invalid NFS transport statistics for udp");
        write(proc, "mountstats", NFS);
        write(proc, "mountinfo", "not a mountinfo line\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc))).hasMessageStartingWith("failed to parse mountinfo");
        Files.delete(proc.resolve("self/mountinfo"));
        assertThatThrownBy(() -> CollectorHarness.scrape(over(proc))).hasMessageStartingWith("failed to parse mountinfo");
    }

    @Test
    void theAddressComesFromTheSameLineOfMountinfo(@TempDir Path proc) throws Exception {
        write(proc, "mountstats", NFS);
        write(proc, "mountinfo", "22 27 0:21 / /proc rw,relatime - proc proc rw,addr=wrong\n"
                + "45 27 0:44 / /m rw - nfs s:/e rw,vers=3,addr=10.1.2.3,addr=10.9.9.9=x,local_lock=none\n");
        assertThat(CollectorHarness.scrape(over(proc)))
                .contains("node_mountstats_nfs_age_seconds_total{export=\"s:/e\",mountaddr=\"10.9.9.9\",protocol=\"udp\"} 5.0");
        // a mountinfo shorter than mountstats: no address, as upstream
        write(proc, "mountinfo", "22 27 0:21 / /proc rw,relatime - proc proc rw\n");
        assertThat(CollectorHarness.scrape(over(proc)))
                .contains("node_mountstats_nfs_age_seconds_total{export=\"s:/e\",mountaddr=\"\",protocol=\"udp\"} 5.0");
    }

    @Test
    void anNfsMountWithoutTransportReportsNothing(@TempDir Path proc) throws Exception {
        write(proc, "mountstats", NFS.replace("\txprt:\tudp 1 2 3 4 5 6 7 8 9 10\n", ""));
        write(proc, "mountinfo", "");
        assertThat(CollectorHarness.scrape(over(proc))).isEmpty();
    }

    @Test
    void superOptionsAsProcfsReadsThem() {
        assertThat(MountstatsCollector.superOption("rw,addr=1.2.3.4", "addr")).isEqualTo("1.2.3.4");
        assertThat(MountstatsCollector.superOption("rw,addr", "addr")).isEmpty();
        assertThat(MountstatsCollector.superOption("rw,mountaddr=1.1.1.1", "addr")).isEmpty();
        assertThat(MountstatsCollector.superOption("addr=fe80::1", "addr")).isEqualTo("fe80::1");
        assertThat(MountstatsCollector.superOption("", "addr")).isEmpty();
    }
}
