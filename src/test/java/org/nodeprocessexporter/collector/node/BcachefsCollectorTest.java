package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.Bcachefs;

class BcachefsCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        String out = CollectorHarness.scrapeFixtures(BcachefsCollector.SPEC);
        Path expected = Path.of("src/test/resources/expected/bcachefs.prom");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, out);
        }
        assertThat(out).isEqualTo(Files.readString(expected));
    }

    @Test
    void keyLinesOfTheFixture() throws Exception {
        String out = CollectorHarness.scrapeFixtures(BcachefsCollector.SPEC);
        String u = "uuid=\"46bd306f-eca1-4fd9-a6a7-1ba7e3a4a2b1\"";
        assertThat(out).contains(
                "node_bcachefs_info{" + u + "} 1.0\n",
                "node_bcachefs_btree_cache_size_bytes{" + u + "} 1.610612736E9\n",
                "node_bcachefs_compression_compressed_bytes{algorithm=\"zstd\"," + u + "} 555008.0\n",
                "node_bcachefs_errors_total{error_type=\"btree_node_read_err\"," + u + "} 5.0\n",
                "# HELP node_bcachefs_btree_node_read_total Bcachefs counter btree_node_read since filesystem "
                        + "creation.\n",
                "node_bcachefs_btree_node_read_total{" + u + "} 67890.0\n",
                "node_bcachefs_io_read_total{" + u + "} 2149580.0\n",
                "node_bcachefs_journal_write_total{" + u + "} 0.0\n",
                "node_bcachefs_btree_writes_total{type=\"initial\"," + u + "} 19088.0\n",
                "node_bcachefs_btree_write_average_size_bytes{type=\"init_next_bset\"," + u + "} 24166.0\n",
                "node_bcachefs_device_info{device=\"0\",label=\"ssd.fast\",state=\"rw\"," + u + "} 1.0\n",
                "node_bcachefs_device_bucket_size_bytes{device=\"1\"," + u + "} 1048576.0\n",
                "node_bcachefs_device_io_done_bytes_total{data_type=\"btree\",device=\"0\",operation=\"read\","
                        + u + "} 4.411097088E9\n",
                "node_bcachefs_device_io_errors_total{device=\"0\",type=\"read\"," + u + "} 197346.0\n",
                "node_bcachefs_device_io_errors_total{device=\"0\",type=\"checksum\"," + u + "} 0.0\n");
        // Only the "since filesystem creation" section of io_errors counts.
        assertThat(out).doesNotContain("} 12.0\n");
        assertThat(out.lines().filter(l -> l.startsWith("node_bcachefs_device_io_errors_total{device=\"1\"")))
                .isEmpty();
    }

    @Test
    void humanReadableSizesAreBinaryMultiplesTruncated() {
        assertThat(Bcachefs.humanBytes("542k")).isEqualTo(555008);
        assertThat(Bcachefs.humanBytes("322M")).isEqualTo(337641472);
        assertThat(Bcachefs.humanBytes("1.5G")).isEqualTo(1610612736L);
        assertThat(Bcachefs.humanBytes(" 405\n")).isEqualTo(405);
        assertThat(Bcachefs.humanBytes("2.21k")).isEqualTo(2263);
        assertThat(Bcachefs.humanBytes("1.5T")).isEqualTo(1649267441664L);
        assertThatThrownBy(() -> Bcachefs.humanBytes("")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Bcachefs.humanBytes("GiB")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void counterFileNeedsOneOfItsTwoLines() {
        assertThat(Bcachefs.parseCounter("since mount: 3\nsince filesystem creation: 1.5k\n")).isEqualTo(1536);
        assertThat(Bcachefs.parseCounter("since mount: 3\n")).isZero();
        assertThatThrownBy(() -> Bcachefs.parseCounter("garbage 3\n")).hasMessageContaining("not recognized");
    }

    @Test
    void aCorruptFileFailsTheScrape(@TempDir Path sys) throws Exception {
        Path fs = Files.createDirectories(sys.resolve("fs/bcachefs/abc"));
        Files.writeString(fs.resolve("errors"), "btree_node_read_err many\n");
        var c = CollectorHarness.build(BcachefsCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void countersAreUnsigned64Bit(@TempDir Path sys) throws Exception {
        Path fs = Files.createDirectories(sys.resolve("fs/bcachefs/abc"));
        Files.writeString(fs.resolve("errors"), "journal_entry_bad 18446744073709551615 0\n");
        var c = CollectorHarness.build(BcachefsCollector.SPEC, sys, sys, sys);
        assertThat(CollectorHarness.scrape(c))
                .contains("node_bcachefs_errors_total{error_type=\"journal_entry_bad\",uuid=\"abc\"} "
                        + "1.8446744073709552E19\n");
    }

    @Test
    void anEmptyDirectoryIsNoData(@TempDir Path sys) throws Exception {
        Files.createDirectories(sys.resolve("fs/bcachefs"));
        Files.writeString(sys.resolve("fs/bcachefs/not-a-dir"), "x");
        var c = CollectorHarness.build(BcachefsCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    /** A filesystem directory with no files gives info and a zero cache size, as upstream. */
    @Test
    void aBareFilesystemDirectoryGivesInfo(@TempDir Path sys) throws Exception {
        Files.createDirectories(sys.resolve("fs/bcachefs/abc"));
        var c = CollectorHarness.build(BcachefsCollector.SPEC, sys, sys, sys);
        assertThat(CollectorHarness.scrape(c)).contains("node_bcachefs_info{uuid=\"abc\"} 1.0\n",
                "node_bcachefs_btree_cache_size_bytes{uuid=\"abc\"} 0.0\n");
    }

    /** This VM has no bcachefs: no data, quietly. */
    @Test
    void liveReportsNoDataWithoutBcachefs() throws Exception {
        var c = CollectorHarness.build(BcachefsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        Path base = Path.of("/sys/fs/bcachefs");
        if (Files.isDirectory(base) && Bcachefs.read(Path.of("/sys")).size() > 0) {
            assertThat(CollectorHarness.scrape(c)).contains("node_bcachefs_info{uuid=\""
                    + Bcachefs.read(Path.of("/sys")).get(0).uuid() + "\"} 1.0\n");
        } else {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        }
    }
}
