package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.RunningExporter;
import org.nodeprocessexporter.procfs.MountStats;
import org.nodeprocessexporter.procfs.MountStats.NfsMount;
import org.nodeprocessexporter.reference.MountstatsPerfParityTest;
import org.nodeprocessexporter.reference.SideBySide;
import org.nodeprocessexporter.testsupport.LoopbackNfs;

/**
 * mountstats over real NFS mounts: the kernel's NFS server on loopback exports two directories,
 * mounted with NFSv4.2 and NFSv3; after some I/O, a scrape lies between two readings of
 * {@code /proc/self/mountstats} by the test, and node_exporter 1.5 run alongside reports the same
 * families. Skipped, with the reason, on a kernel without NFS (the development VM: no nfs, nfs4 or
 * nfsd in /proc/filesystems and no modules); it fails when the kernel has NFS and anything else
 * breaks.
 */
class MountstatsLiveNfsTest {
    private static final Map<Integer, String> BYTES_FAMILIES = Map.of(MountStats.BYTES_READ, "read_bytes_total",
            MountStats.BYTES_WRITE, "write_bytes_total", MountStats.BYTES_SERVER_WRITE, "total_write_bytes_total");

    @Test
    void loopbackMountsOfVersions3And42(@TempDir Path tmp) throws Exception {
        LoopbackNfs.requireSupport();
        try (LoopbackNfs nfs = LoopbackNfs.start(tmp)) {
            Path v4 = nfs.mount("4.2");
            Path v3 = nfs.mount("3");
            byte[] data = new byte[1 << 20];
            for (Path mnt : List.of(v4, v3)) {
                Path f = mnt.resolve("data");
                Files.write(f, data, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                assertThat(Files.readAllBytes(f)).hasSize(data.length);
            }
            Map<String, NfsMount> before = byExport();
            Exposition ours;
            try (RunningExporter exporter = new RunningExporter("--collector.disable-defaults",
                    "--collector.mountstats")) {
                ours = Exposition.parse(exporter.metrics());
            }
            Map<String, NfsMount> after = byExport();
            assertThat(ours.value("node_scrape_collector_success{collector=\"mountstats\"}")).isEqualTo(1.0);
            for (Path mnt : List.of(v4, v3)) {
                String export = nfs.export(mnt);
                String labels = "{export=\"" + export + "\",mountaddr=\"127.0.0.1\",protocol=\"tcp\"}";
                assertThat(ours.value("node_mountstats_nfs_mountpoint_info{export=\"" + export
                        + "\",mountaddr=\"127.0.0.1\",mountpoint=\"" + mnt + "\",protocol=\"tcp\"}")).isEqualTo(1.0);
                for (var f : BYTES_FAMILIES.entrySet()) {
                    Double value = ours.value("node_mountstats_nfs_" + f.getValue() + labels);
                    assertThat(value).as(f.getValue() + " of " + export).isNotNull().isBetween(
                            (double) before.get(export).bytes()[f.getKey()], (double) after.get(export).bytes()[f.getKey()]);
                }
                assertThat(ours.value("node_mountstats_nfs_write_bytes_total" + labels)).isGreaterThanOrEqualTo(data.length);
                assertThat(ours.value("node_mountstats_nfs_transport_sends_total{export=\"" + export
                        + "\",mountaddr=\"127.0.0.1\",protocol=\"tcp\",transport=\"0\"}")).isPositive();
                assertThat(ours.value("node_mountstats_nfs_operations_requests_total{export=\"" + export
                        + "\",mountaddr=\"127.0.0.1\",operation=\"WRITE\",protocol=\"tcp\"}")).isPositive();
            }
            SideBySide.Scrapes s = SideBySide.scrape(tmp, "--collector.mountstats");
            List<String> problems = MountstatsPerfParityTest.mountstatsDifferences(s);
            problems.removeIf(p -> p.contains(" differs: ")); // counters move between the two scrapes
            problems.addAll(s.counterDifferences(1e12, "node_mountstats_nfs_write_bytes_total",
                    "node_mountstats_nfs_operations_requests_total", "node_mountstats_nfs_event_vfs_open_total"));
            assertThat(problems).isEmpty();
        }
    }

    private static Map<String, NfsMount> byExport() throws Exception {
        byte[] b = Files.readString(Path.of("/proc/self/mountstats")).getBytes(StandardCharsets.UTF_8);
        Map<String, NfsMount> out = new java.util.HashMap<>();
        for (NfsMount m : MountStats.parse(b, b.length).nfsMounts()) {
            out.putIfAbsent(m.device(), m);
        }
        return out;
    }
}
