package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.sys.BtrfsDevices;
import org.nodeprocessexporter.sys.BtrfsIoctl;
import org.nodeprocessexporter.sys.StatFs;
import org.nodeprocessexporter.sysfs.BtrfsStats;

class BtrfsCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(BtrfsCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/btrfs.prom")));
    }

    @Test
    void readerTakesSizesInSectorsAndRatiosFromTheLayout() throws Exception {
        var fs = BtrfsStats.read(CollectorHarness.FIXTURES.resolve("sys")).get(0);
        assertThat(fs.label()).isEqualTo("fixture");
        assertThat(fs.deviceSizes()).containsEntry("loop25", 10485760L * 512);
        assertThat(fs.allocation().get("metadata").layouts().get("raid1").ratio()).isEqualTo(2.0);
        assertThat(fs.allocation().get("data").layouts().get("raid0").ratio()).isEqualTo(1.0);
        assertThat(fs.commits()).containsEntry("max_commit_ms", 51462L);
    }

    /** node_exporter 1.5 succeeds here (btrfs loaded, nothing mounted): so do we, with what sysfs lists. */
    @Test
    void liveMountsAreThoseOfSysfs() throws Exception {
        String out = CollectorHarness.scrape(
                CollectorHarness.build(BtrfsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/")));
        int mounted = 0;
        if (Files.isDirectory(Path.of("/sys/fs/btrfs"))) {
            try (var dirs = Files.list(Path.of("/sys/fs/btrfs"))) {
                mounted = (int) dirs.filter(d -> d.getFileName().toString().split("-").length == 5).count();
            }
        }
        assertThat(out.lines().filter(l -> l.startsWith("node_btrfs_info{"))).hasSize(mounted);
    }

    private static final String FSID = "0abb23a9579b43e6ad30227ef47fcb9d";
    private static final String UUID = "0abb23a9-579b-43e6-ad30-227ef47fcb9d";

    private static BtrfsDevices.Device device(long devid, String path, long total, long used, long... errors) {
        return new BtrfsDevices.Device(new BtrfsIoctl.DevInfo(devid, "5ac2e6a7-0000-4000-8000-00000000000" + devid,
                used, total, path), errors);
    }

    /** The fixture sysfs with a procfs whose mountinfo has the given lines. */
    private static CollectorContext context(Path dir, String mountinfo) throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc/1"));
        Files.writeString(proc.resolve("mountinfo"), mountinfo);
        return CollectorContext.fromFlags(CollectorHarness.flags(BtrfsCollector.SPEC, "--path.procfs=" + dir.resolve("proc"),
                "--path.sysfs=" + CollectorHarness.FIXTURES.resolve("sys"), "--path.rootfs=" + dir.resolve("root")));
    }

    @Test
    void ioctlAnswerGivesTheDeviceMetricsWithUpstreamsLabels(@TempDir Path dir) throws Exception {
        List<String> asked = new ArrayList<>();
        CollectorContext ctx = context(dir, """
                27 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
                40 27 0:50 / /data rw,relatime shared:7 - btrfs /dev/loop25 rw,space_cache=v2,subvolid=5,subvol=/
                41 27 0:50 /snap /data2 rw,relatime shared:8 - btrfs /dev/loop25 rw,subvolid=257,subvol=/snap
                """);
        String out = CollectorHarness.scrape(new BtrfsCollector(ctx, mountPoint -> {
            asked.add(mountPoint);
            return new BtrfsDevices.Filesystem(FSID, List.of(device(1, "/dev/loop25", 5368709120L, 1073741824L, 0, 1, 2, 3, 4),
                    device(3, "/rootfs/dev/loop26", 5368709120L, 5368709120L, 0, 0, 0, 0, -1)));
        }));
        // one file system, one source device: the second mount point is not opened
        assertThat(asked).containsExactly(dir.resolve("root/data").toString());
        assertThat(ScrapedSamples.lines(out, "node_btrfs_device_")).isEqualTo("""
                # HELP node_btrfs_device_errors_total Errors reported for the device
                # TYPE node_btrfs_device_errors_total counter
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000001",device="loop25",type="corruption",uuid="%1$s"} 3.0
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000001",device="loop25",type="flush",uuid="%1$s"} 2.0
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000001",device="loop25",type="generation",uuid="%1$s"} 4.0
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000001",device="loop25",type="read",uuid="%1$s"} 1.0
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000001",device="loop25",type="write",uuid="%1$s"} 0.0
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000003",device="loop26",type="corruption",uuid="%1$s"} 0.0
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000003",device="loop26",type="flush",uuid="%1$s"} 0.0
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000003",device="loop26",type="generation",uuid="%1$s"} 1.8446744073709552E19
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000003",device="loop26",type="read",uuid="%1$s"} 0.0
                node_btrfs_device_errors_total{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000003",device="loop26",type="write",uuid="%1$s"} 0.0
                # HELP node_btrfs_device_size_bytes Size of a device that is part of the filesystem.
                # TYPE node_btrfs_device_size_bytes gauge
                node_btrfs_device_size_bytes{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000001",device="loop25",uuid="%1$s"} 5.36870912E9
                node_btrfs_device_size_bytes{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000003",device="loop26",uuid="%1$s"} 5.36870912E9
                # HELP node_btrfs_device_unused_bytes Unused bytes unused on a device that is part of the filesystem.
                # TYPE node_btrfs_device_unused_bytes gauge
                node_btrfs_device_unused_bytes{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000001",device="loop25",uuid="%1$s"} 4.294967296E9
                node_btrfs_device_unused_bytes{btrfs_dev_uuid="5ac2e6a7-0000-4000-8000-000000000003",device="loop26",uuid="%1$s"} 0.0
                """.formatted(UUID));
    }

    @Test
    void failingIoctlsFallBackToSysfsQuietlyAndAnotherMountPointIsTried(@TempDir Path dir) throws Exception {
        CollectorContext ctx = context(dir, """
                40 27 0:50 / /data rw,relatime - btrfs /dev/loop25 rw
                41 27 0:50 / /other rw,relatime - btrfs /dev/loop25 rw
                """);
        List<String> asked = new ArrayList<>();
        String out = CollectorHarness.scrape(new BtrfsCollector(ctx, mountPoint -> {
            asked.add(mountPoint);
            throw new StatFs.ErrnoException(13, "permission denied");
        }));
        assertThat(asked).hasSize(2);
        assertThat(out).isEqualTo(Files.readString(Path.of("src/test/resources/expected/btrfs.prom")));

        // an ioctl answer for another file system than the one sysfs lists changes nothing
        assertThat(CollectorHarness.scrape(new BtrfsCollector(ctx,
                mountPoint -> new BtrfsDevices.Filesystem("ffff", List.of(device(1, "/dev/sdz", 1, 0, 0, 0, 0, 0, 0))))))
                .contains("node_btrfs_device_size_bytes{btrfs_dev_uuid=\"\",device=\"loop25\",uuid=\"" + UUID + "\"} 5.36870912E9")
                .doesNotContain("sdz");
    }

    /**
     * A real btrfs: a 200 MiB image made with mkfs.btrfs, loop-mounted in a temporary directory,
     * scraped, unmounted. Needs root, btrfs-progs and loop devices; skipped where any is missing
     * (containers, CI), and where the mount does not show in init's mount table.
     */
    @Test
    void liveLoopMountedBtrfsGivesTheDeviceMetrics(@TempDir Path dir) throws Exception {
        assumeThat(run("id", "-u").trim()).as("root").isEqualTo("0");
        assumeThat(Files.isExecutable(Path.of("/usr/sbin/mkfs.btrfs")) || Files.isExecutable(Path.of("/sbin/mkfs.btrfs")))
                .as("mkfs.btrfs installed").isTrue();
        Path image = dir.resolve("btrfs.img");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        long size = 200L << 20;
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(size);
        }
        assumeThat(exit("mkfs.btrfs", "-q", image.toString())).as("mkfs.btrfs").isZero();
        assumeThat(exit("mount", "-o", "loop", image.toString(), mnt.toString())).as("loop mount allowed").isZero();
        try {
            assumeThat(Files.readString(Path.of("/proc/1/mountinfo"))).as("mount visible to init")
                    .contains(" " + mnt + " ");
            String source = run("findmnt", "-n", "-o", "SOURCE", mnt.toString()).trim(); // /dev/loopN
            String fsUuid = run("findmnt", "-n", "-o", "UUID", mnt.toString()).trim();
            String devUuid = run("blkid", "-p", "-s", "UUID_SUB", "-o", "value", source).trim();
            // "devid    1 size 209715200 used 92274688 path /dev/loop0"
            String[] show = run("btrfs", "filesystem", "show", "--raw", mnt.toString()).lines()
                    .filter(l -> l.trim().startsWith("devid")).findFirst().orElseThrow().trim().split("\\s+");
            long used = Long.parseLong(show[5]);

            String out = CollectorHarness.scrape(
                    CollectorHarness.build(BtrfsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/")));
            String device = source.substring(source.lastIndexOf('/') + 1);
            String labels = "btrfs_dev_uuid=\"" + devUuid + "\",device=\"" + device + "\",uuid=\"" + fsUuid + "\"";
            assertThat(ScrapedSamples.value(out, "node_btrfs_device_size_bytes{" + labels + "}")).isEqualTo((double) size);
            assertThat(ScrapedSamples.value(out, "node_btrfs_device_unused_bytes{" + labels + "}"))
                    .isEqualTo((double) (size - used));
            for (String type : new String[] {"write", "read", "flush", "corruption", "generation"}) {
                assertThat(ScrapedSamples.value(out, "node_btrfs_device_errors_total{btrfs_dev_uuid=\"" + devUuid
                        + "\",device=\"" + device + "\",type=\"" + type + "\",uuid=\"" + fsUuid + "\"}")).isZero();
            }
            assertThat(out).contains("node_btrfs_info{label=\"\",uuid=\"" + fsUuid + "\"} 1.0");
        } finally {
            exit("umount", mnt.toString());
        }
    }

    private static int exit(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
