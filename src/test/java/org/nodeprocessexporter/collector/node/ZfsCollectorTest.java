package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.ZfsKstat;

class ZfsCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        String out = CollectorHarness.scrapeFixtures(ZfsCollector.SPEC);
        Path expected = Path.of("src/test/resources/expected/zfs.prom");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, out);
        }
        assertThat(out).isEqualTo(Files.readString(expected));
    }

    @Test
    void namesHelpTypesAndLabelsAreUpstreams() throws Exception {
        String out = CollectorHarness.scrapeFixtures(ZfsCollector.SPEC);
        assertThat(out).contains(
                "# HELP node_zfs_arc_hits kstat.zfs.misc.arcstats.hits\n# TYPE node_zfs_arc_hits untyped\n"
                        + "node_zfs_arc_hits 8772612.0\n",
                "node_zfs_fm_erpt_dropped 18.0\n",
                "# HELP node_zfs_fm_erpt_dropped kstat.zfs.misc.fm.erpt-dropped\n",
                "node_zfs_arc_memory_available_bytes 1.261416448E9\n",
                "node_zfs_zil_zil_itx_indirect_bytes 1.8446744073709552E19\n",
                "# HELP node_zfs_zpool_nread kstat.zfs.misc.io.nread\n",
                "node_zfs_zpool_nread{zpool=\"pool1\"} 1884160.0\n",
                "# HELP node_zfs_zpool_dataset_nread kstat.zfs.misc.objset.nread\n",
                "node_zfs_zpool_dataset_nread{dataset=\"pool1\",zpool=\"pool1\"} 28.0\n",
                "node_zfs_zpool_dataset_nread{dataset=\"pool2/home\",zpool=\"pool2\"} 512.0\n",
                "# TYPE node_zfs_zpool_state gauge\n",
                "node_zfs_zpool_state{state=\"degraded\",zpool=\"pool2\"} 1.0\n",
                "node_zfs_zpool_state{state=\"online\",zpool=\"pool1\"} 1.0\n",
                "node_zfs_zpool_state{state=\"online\",zpool=\"pool2\"} 0.0\n");
        assertThat(out).doesNotContain("dataset_name", "node_zfs_zpool_nread{zpool=\"pool2\"}");
        assertThat(out.lines().filter(l -> l.startsWith("node_zfs_zpool_state{"))).hasSize(14);
    }

    @Test
    void withoutTheModuleThereIsNoData(@TempDir Path proc) throws Exception {
        var c = CollectorHarness.build(ZfsCollector.SPEC, proc, proc, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void missingKstatFilesAreSkippedAndNegativeSignedValuesKept(@TempDir Path proc) throws Exception {
        Path z = Files.createDirectories(proc.resolve("spl/kstat/zfs"));
        Files.writeString(z.resolve("arcstats"), "1 1 0x01 2 0 0 0\nname type data\n"
                + "arc_need_free 3 -4096\nmfu_ghost_size 4 7\nsome_string 7 abc\nsome_int32 1 5\n");
        String out = CollectorHarness.scrape(CollectorHarness.build(ZfsCollector.SPEC, proc, proc, proc));
        assertThat(out).isEqualTo("""
                # HELP node_zfs_arc_arc_need_free kstat.zfs.misc.arcstats.arc_need_free
                # TYPE node_zfs_arc_arc_need_free untyped
                node_zfs_arc_arc_need_free -4096.0
                # HELP node_zfs_arc_mfu_ghost_size kstat.zfs.misc.arcstats.mfu_ghost_size
                # TYPE node_zfs_arc_mfu_ghost_size untyped
                node_zfs_arc_mfu_ghost_size 7.0
                """);
    }

    @Test
    void aKstatWithoutItsHeaderOrWithABadValueIsAnError(@TempDir Path proc) throws Exception {
        Path z = Files.createDirectories(proc.resolve("spl/kstat/zfs"));
        Files.writeString(z.resolve("zil"), "zil_commit_count 4 10\n");
        var c = CollectorHarness.build(ZfsCollector.SPEC, proc, proc, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("did not parse a single \"zil\"");
        Files.writeString(z.resolve("zil"), "name type data\nzil_commit_count 4 -1\n");
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("kstat.zfs.misc.zil.zil_commit_count");
    }

    @Test
    void ioReaderPairsNamesWithValues() throws Exception {
        var io = ZfsKstat.parseIo(Files.readString(
                CollectorHarness.FIXTURES.resolve("proc/spl/kstat/zfs/pool1/io")), "pool1/io");
        assertThat(io).hasSize(12);
        assertThat(io.get(3)).isEqualTo(new ZfsKstat.IoField("writes", 132));
        assertThat(io.get(11)).isEqualTo(new ZfsKstat.IoField("rcnt", 0));
        assertThatThrownBy(() -> ZfsKstat.parseIo("x\nnread a b c d e f g h i j k\n1 2\n", "p/io"))
                .hasMessageContaining("12 fields expected");
    }

    /** node_exporter 1.5 reports zfs as not successful on this VM: no ZFS module. */
    @Test
    void liveMatchesTheHost() throws Exception {
        var c = CollectorHarness.build(ZfsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        if (Files.isDirectory(Path.of("/proc/spl/kstat/zfs"))) {
            assertThat(CollectorHarness.scrape(c)).contains("node_zfs_arc_hits ");
        } else {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        }
    }
}
