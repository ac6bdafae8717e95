package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.DmMultipath;

class DmmultipathCollectorTest {
    /** node_exporter 1.12 registers it defaultEnabled (see docs/differences.md, "Collector defaults"). */
    @Test
    void enabledByDefaultAsUpstream() {
        assertThat(DmmultipathCollector.SPEC.enabledByDefault()).isTrue();
    }

    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        String out = CollectorHarness.scrapeFixtures(DmmultipathCollector.SPEC);
        Path expected = Path.of("src/test/resources/expected/dmmultipath.prom");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, out);
        }
        assertThat(out).isEqualTo(Files.readString(expected));
    }

    @Test
    void keyLinesOfTheFixture() throws Exception {
        String out = CollectorHarness.scrapeFixtures(DmmultipathCollector.SPEC);
        assertThat(out).contains(
                "node_dmmultipath_device_info{device=\"mpatha\",sysfs_name=\"dm-1\","
                        + "uuid=\"mpath-3600a098038303053453f463045727a41\"} 1.0\n",
                "node_dmmultipath_device_active{device=\"mpatha\",sysfs_name=\"dm-1\"} 1.0\n",
                "node_dmmultipath_device_active{device=\"mpathb\",sysfs_name=\"dm-2\"} 0.0\n",
                "node_dmmultipath_device_size_bytes{device=\"mpatha\",sysfs_name=\"dm-1\"} 1.073741824E11\n",
                "node_dmmultipath_device_paths{device=\"mpatha\",sysfs_name=\"dm-1\"} 2.0\n",
                "node_dmmultipath_device_paths_active{device=\"mpatha\",sysfs_name=\"dm-1\"} 1.0\n",
                "node_dmmultipath_device_paths_failed{device=\"mpatha\",sysfs_name=\"dm-1\"} 1.0\n",
                "node_dmmultipath_device_paths_active{device=\"mpathb\",sysfs_name=\"dm-2\"} 1.0\n",
                "node_dmmultipath_path_state{device=\"mpatha\",path=\"sdc\",state=\"offline\"} 1.0\n",
                "node_dmmultipath_path_state{device=\"mpathb\",path=\"nvme2n1\",state=\"connecting\"} 1.0\n");
        // dm-0 (no dm/uuid) and dm-3 (an LVM volume) are not multipath maps.
        assertThat(out).doesNotContain("dm-0", "dm-3", "vg0-root");
    }

    @Test
    void readerFindsOnlyMpathMaps() throws Exception {
        var maps = DmMultipath.read(CollectorHarness.FIXTURES.resolve("sys"));
        assertThat(maps).extracting(DmMultipath::sysfsName).containsExactly("dm-1", "dm-2");
        assertThat(maps.get(1)).isEqualTo(new DmMultipath("mpathb", "dm-2", "mpath-eui.0025385b71b07e2f", true,
                2048 * 512, java.util.List.of(new DmMultipath.PathDevice("nvme1n1", "live"),
                        new DmMultipath.PathDevice("nvme2n1", "connecting"))));
    }

    /** As upstream, a path whose device/state is missing makes the whole scrape "no data". */
    @Test
    void aMissingPathStateIsNoData(@TempDir Path sys) throws Exception {
        Path dm = Files.createDirectories(sys.resolve("block/dm-0/dm"));
        Files.writeString(dm.resolve("uuid"), "mpath-x\n");
        Files.writeString(dm.resolve("name"), "mpathx\n");
        Files.writeString(dm.resolve("suspended"), "0\n");
        Files.writeString(sys.resolve("block/dm-0/size"), "8\n");
        Files.createDirectories(sys.resolve("block/dm-0/slaves/sdz"));
        var c = CollectorHarness.build(DmmultipathCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        Files.createDirectories(sys.resolve("block/sdz/device"));
        Files.writeString(sys.resolve("block/sdz/device/state"), "blocked\n");
        assertThat(CollectorHarness.scrape(c)).contains(
                "node_dmmultipath_device_paths_failed{device=\"mpathx\",sysfs_name=\"dm-0\"} 1.0\n",
                "node_dmmultipath_device_size_bytes{device=\"mpathx\",sysfs_name=\"dm-0\"} 4096.0\n");
    }

    @Test
    void aCorruptSizeIsAnError(@TempDir Path sys) throws Exception {
        Path dm = Files.createDirectories(sys.resolve("block/dm-0/dm"));
        Files.writeString(dm.resolve("uuid"), "mpath-x\n");
        Files.writeString(dm.resolve("name"), "mpathx\n");
        Files.writeString(dm.resolve("suspended"), "0\n");
        Files.writeString(sys.resolve("block/dm-0/size"), "lots\n");
        var c = CollectorHarness.build(DmmultipathCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void noSysBlockIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(DmmultipathCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    /** This VM has /sys/block but no multipath maps: success with no series, as upstream. */
    @Test
    void liveMatchesTheMapsFoundInSys() throws Exception {
        var c = CollectorHarness.build(DmmultipathCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        var maps = DmMultipath.read(Path.of("/sys"));
        String out = CollectorHarness.scrape(c);
        assertThat(out.lines().filter(l -> l.startsWith("node_dmmultipath_device_info{"))).hasSize(maps.size());
        for (DmMultipath m : maps) {
            assertThat(out).contains("node_dmmultipath_device_size_bytes{device=\"" + m.name() + "\",sysfs_name=\""
                    + m.sysfsName() + "\"} " + (double) m.sizeBytes() + "\n");
        }
    }
}
