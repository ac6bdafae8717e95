package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.NvmeDevice;

class NvmeCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(NvmeCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/nvme.prom")));
    }

    @Test
    void readerFindsPathDevicesOnly() throws Exception {
        var all = NvmeDevice.read(CollectorHarness.FIXTURES.resolve("sys"));
        assertThat(all).extracting(NvmeDevice::name).containsExactly("nvme0", "nvme1");
        assertThat(all.get(0).namespaces()).containsExactly(
                new NvmeDevice.Namespace("1", 1953525168L, 488281250L, 512, "optimized"),
                new NvmeDevice.Namespace("2", 2097152L, 65536L, 4096, "unknown"));
        assertThat(all.get(1).namespaces()).isEmpty();
    }

    @Test
    void aControllerWithoutItsIdentityIsAnError(@TempDir Path sys) throws Exception {
        Files.createDirectories(sys.resolve("class/nvme/nvme0"));
        var c = CollectorHarness.build(NvmeCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).hasMessageContaining("firmware_rev");
    }

    /** node_exporter 1.5 reports nvme as unsuccessful on this VM, which has no NVMe class. */
    @Test
    void liveControllersMatchSysfs() throws Exception {
        var c = CollectorHarness.build(NvmeCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        Path root = Path.of("/sys/class/nvme");
        if (!Files.isDirectory(root)) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        String out = CollectorHarness.scrape(c);
        try (var ds = Files.newDirectoryStream(root)) {
            for (Path d : ds) {
                assertThat(out).contains("device=\"" + d.getFileName() + "\",firmware_revision=\""
                        + Files.readString(d.resolve("firmware_rev")).trim() + "\"");
            }
        }
    }
}
