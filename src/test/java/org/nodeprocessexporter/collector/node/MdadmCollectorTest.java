package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.Mdstat;

class MdadmCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(MdadmCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/mdadm.prom")));
    }

    @Test
    void aRedundantArrayWithoutDegradedIsAnError(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("mdstat"), "Personalities :\nunused devices: <none>\n");
        Path md = Files.createDirectories(root.resolve("block/md0/md"));
        Files.writeString(md.resolve("level"), "raid1\n");
        Files.writeString(md.resolve("raid_disks"), "2\n");
        var c = CollectorHarness.build(MdadmCollector.SPEC, root, root, root);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("degraded");
    }

    /** node_exporter 1.5 reports mdadm as unsuccessful on this VM, which has no /proc/mdstat. */
    @Test
    void liveArraysMatchProc() throws Exception {
        var c = CollectorHarness.build(MdadmCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        if (!Files.exists(Path.of("/proc/mdstat"))) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        String out = CollectorHarness.scrape(c);
        for (Mdstat md : Mdstat.read(Path.of("/proc"))) {
            assertThat(out).contains("node_md_blocks{device=\"" + md.name() + "\"} " + (double) md.blocksTotal());
        }
    }
}
