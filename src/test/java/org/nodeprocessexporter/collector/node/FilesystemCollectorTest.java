package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.sys.StatFs;

class FilesystemCollectorTest {
    /** Sizes by mount point (the last element of the path under the fixture rootfs). */
    private static StatFs fakeStat(String path) throws IOException {
        if (path.endsWith("/rootfs")) {
            return new StatFs(4096, 1000, 600, 500, 2000, 1500);
        } else if (path.endsWith("/boot")) {
            return new StatFs(1024, 500, 400, 380, 128, 100);
        } else if (path.endsWith("/run")) {
            return new StatFs(4096, 400, 399, 399, 50, 40);
        } else if (path.endsWith("/mnt/nfs")) {
            throw new StatFs.ErrnoException(13, "permission denied");
        }
        return new StatFs(4096, 10, 5, 5, 8, 4);
    }

    private static String scrape(FilesystemCollector.StatCall stat, String... args) throws Exception {
        return CollectorHarness.scrape(build(stat, args));
    }

    private static Collector build(FilesystemCollector.StatCall stat, String... args) throws Exception {
        Path f = CollectorHarness.FIXTURES;
        return CollectorHarness.build(FilesystemCollector.withStat(stat), f.resolve("proc"), f.resolve("sys"),
                f.resolve("rootfs"), args);
    }

    private static String lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).collect(Collectors.joining("\n"));
    }

    @Test
    void everyMountLeftByTheDefaultFilters() throws Exception {
        String out = scrape(FilesystemCollectorTest::fakeStat);
        assertThat(lines(out, "node_filesystem_device_error")).isEqualTo("""
                node_filesystem_device_error{device="/dev/vda1",device_error="",fstype="ext4",mountpoint="/"} 0.0
                node_filesystem_device_error{device="/dev/vda1",device_error="",fstype="ext4",mountpoint="/mnt/my home"} 0.0
                node_filesystem_device_error{device="/dev/vda2",device_error="",fstype="ext4",mountpoint="/boot"} 0.0
                node_filesystem_device_error{device="/dev/vdb",device_error="",fstype="xfs",mountpoint="/srv/archive"} 0.0
                node_filesystem_device_error{device="/dev/vdc",device_error="",fstype="ext4",mountpoint="/srv/frozen"} 0.0
                node_filesystem_device_error{device="nas:/export",device_error="permission denied",fstype="nfs4",mountpoint="/mnt/nfs"} 1.0
                node_filesystem_device_error{device="tmpfs",device_error="",fstype="tmpfs",mountpoint="/run"} 0.0""");
        assertThat(lines(out, "node_filesystem_readonly")).isEqualTo("""
                node_filesystem_readonly{device="/dev/vda1",device_error="",fstype="ext4",mountpoint="/"} 0.0
                node_filesystem_readonly{device="/dev/vda1",device_error="",fstype="ext4",mountpoint="/mnt/my home"} 0.0
                node_filesystem_readonly{device="/dev/vda2",device_error="",fstype="ext4",mountpoint="/boot"} 0.0
                node_filesystem_readonly{device="/dev/vdb",device_error="",fstype="xfs",mountpoint="/srv/archive"} 1.0
                node_filesystem_readonly{device="/dev/vdc",device_error="",fstype="ext4",mountpoint="/srv/frozen"} 1.0
                node_filesystem_readonly{device="nas:/export",device_error="permission denied",fstype="nfs4",mountpoint="/mnt/nfs"} 0.0
                node_filesystem_readonly{device="tmpfs",device_error="",fstype="tmpfs",mountpoint="/run"} 0.0""");
        assertThat(lines(out, "node_filesystem_size_bytes")).isEqualTo("""
                node_filesystem_size_bytes{device="/dev/vda1",device_error="",fstype="ext4",mountpoint="/"} 4096000.0
                node_filesystem_size_bytes{device="/dev/vda1",device_error="",fstype="ext4",mountpoint="/mnt/my home"} 40960.0
                node_filesystem_size_bytes{device="/dev/vda2",device_error="",fstype="ext4",mountpoint="/boot"} 512000.0
                node_filesystem_size_bytes{device="/dev/vdb",device_error="",fstype="xfs",mountpoint="/srv/archive"} 40960.0
                node_filesystem_size_bytes{device="/dev/vdc",device_error="",fstype="ext4",mountpoint="/srv/frozen"} 40960.0
                node_filesystem_size_bytes{device="tmpfs",device_error="",fstype="tmpfs",mountpoint="/run"} 1638400.0""");
        assertThat(lines(out, "node_filesystem_free_bytes{device=\"/dev/vda2\""))
                .isEqualTo("node_filesystem_free_bytes{device=\"/dev/vda2\",device_error=\"\",fstype=\"ext4\",mountpoint=\"/boot\"} 409600.0");
        assertThat(lines(out, "node_filesystem_avail_bytes{device=\"/dev/vda2\""))
                .isEqualTo("node_filesystem_avail_bytes{device=\"/dev/vda2\",device_error=\"\",fstype=\"ext4\",mountpoint=\"/boot\"} 389120.0");
        assertThat(lines(out, "node_filesystem_files{device=\"/dev/vda2\""))
                .isEqualTo("node_filesystem_files{device=\"/dev/vda2\",device_error=\"\",fstype=\"ext4\",mountpoint=\"/boot\"} 128.0");
        assertThat(lines(out, "node_filesystem_files_free{device=\"/dev/vda2\""))
                .isEqualTo("node_filesystem_files_free{device=\"/dev/vda2\",device_error=\"\",fstype=\"ext4\",mountpoint=\"/boot\"} 100.0");
        assertThat(lines(out, "node_filesystem_mount_info")).isEqualTo("""
                node_filesystem_mount_info{device="/dev/vda1",major="254",minor="1",mountpoint="/"} 1.0
                node_filesystem_mount_info{device="/dev/vda1",major="254",minor="1",mountpoint="/mnt/my home"} 1.0
                node_filesystem_mount_info{device="/dev/vda2",major="254",minor="2",mountpoint="/boot"} 1.0
                node_filesystem_mount_info{device="/dev/vdb",major="254",minor="3",mountpoint="/srv/archive"} 1.0
                node_filesystem_mount_info{device="/dev/vdc",major="254",minor="4",mountpoint="/srv/frozen"} 1.0
                node_filesystem_mount_info{device="tmpfs",major="0",minor="25",mountpoint="/run"} 1.0""");
        assertThat(out).contains("# TYPE node_filesystem_avail_bytes gauge\n",
                "# HELP node_filesystem_files_free Filesystem total free file nodes.\n");
    }

    @Test
    void includeFlagsReplaceTheDefaultExcludes() throws Exception {
        String out = scrape(FilesystemCollectorTest::fakeStat,
                "--collector.filesystem.mount-points-include=^/(sys|srv/)", "--collector.filesystem.fs-types-include=^(proc|xfs)$");
        assertThat(lines(out, "node_filesystem_files_free")).isEqualTo("""
                node_filesystem_files_free{device="/dev/vdb",device_error="",fstype="xfs",mountpoint="/srv/archive"} 4.0""");
    }

    @Test
    void excludeFlagAndItsDeprecatedAlias() throws Exception {
        String expected = """
                node_filesystem_files{device="/dev/vda2",device_error="",fstype="ext4",mountpoint="/boot"} 128.0
                node_filesystem_files{device="/dev/vdc",device_error="",fstype="ext4",mountpoint="/srv/frozen"} 8.0""";
        assertThat(lines(scrape(FilesystemCollectorTest::fakeStat,
                "--collector.filesystem.mount-points-exclude=^/($|mnt|run|srv/archive)",
                "--collector.filesystem.fs-types-exclude=^(proc|sysfs|devtmpfs|cgroup2|overlay)$"),
                "node_filesystem_files{")).isEqualTo(expected);
        assertThat(lines(scrape(FilesystemCollectorTest::fakeStat,
                "--collector.filesystem.ignored-mount-points=^/($|mnt|run|srv/archive)",
                "--collector.filesystem.ignored-fs-types=^(proc|sysfs|devtmpfs|cgroup2|overlay)$"),
                "node_filesystem_files{")).isEqualTo(expected);
    }

    @Test
    void includeAndExcludeTogetherIsAUsageError() {
        assertThatThrownBy(() -> build(FilesystemCollectorTest::fakeStat,
                "--collector.filesystem.fs-types-include=ext4", "--collector.filesystem.fs-types-exclude=xfs"))
                .isInstanceOf(UsageException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void aHungMountIsReportedAndSkippedUntilItsCallReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger nfsCalls = new AtomicInteger();
        FilesystemCollector.StatCall stat = path -> {
            if (path.endsWith("/mnt/nfs")) {
                nfsCalls.incrementAndGet();
                try {
                    release.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new StatFs(4096, 7, 7, 7, 7, 7);
            }
            return fakeStat(path);
        };
        Collector c = build(stat, "--collector.filesystem.mount-timeout=100ms", "--collector.filesystem.stat-workers=2");
        String stuckLine = "node_filesystem_device_error{device=\"nas:/export\",device_error=\"mountpoint timeout\","
                + "fstype=\"nfs4\",mountpoint=\"/mnt/nfs\"} 1.0";
        try {
            String first = CollectorHarness.scrape(c);
            assertThat(first).contains(stuckLine)
                    .contains("node_filesystem_size_bytes{device=\"/dev/vda2\",device_error=\"\",fstype=\"ext4\","
                            + "mountpoint=\"/boot\"} 512000.0");
            String second = CollectorHarness.scrape(c);
            assertThat(second).contains(stuckLine);
            assertThat(nfsCalls).hasValue(1);
        } finally {
            release.countDown();
        }
        // The stuck call returns in the background; the mount is statted again once it has.
        String later = "";
        for (int i = 0; i < 200 && !later.contains("mountpoint=\"/mnt/nfs\"} 28672.0"); i++) {
            Thread.sleep(10);
            later = CollectorHarness.scrape(c);
        }
        assertThat(later).contains("node_filesystem_size_bytes{device=\"nas:/export\",device_error=\"\","
                + "fstype=\"nfs4\",mountpoint=\"/mnt/nfs\"} 28672.0");
        assertThat(nfsCalls.get()).isGreaterThan(1);
    }

    @Test
    void liveRootMatchesFileStore() throws Exception {
        Collector c = CollectorHarness.build(FilesystemCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        String out = CollectorHarness.scrape(c);
        FileStore root = Files.getFileStore(Path.of("/"));
        String size = Arrays.stream(out.split("\n"))
                .filter(l -> l.startsWith("node_filesystem_size_bytes{") && l.contains("mountpoint=\"/\"}"))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(size.substring(size.lastIndexOf(' ') + 1)))
                .isEqualTo((double) root.getTotalSpace());
        String avail = Arrays.stream(out.split("\n"))
                .filter(l -> l.startsWith("node_filesystem_avail_bytes{") && l.contains("mountpoint=\"/\"}"))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(avail.substring(avail.lastIndexOf(' ') + 1)))
                .isCloseTo((double) root.getUsableSpace(), org.assertj.core.data.Offset.offset(256e6));
        assertThat(out).contains("node_filesystem_device_error{").doesNotContain("mountpoint=\"/proc\"");
    }
}
