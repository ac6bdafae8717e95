package org.nodeprocessexporter.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumaNodesAndKsmTest {
    private static final Path SYS = Path.of("src/test/resources/fixtures/sys");

    @Test
    void bothNodesOfTheFixtureMeminfoInBytesThenNumastat() throws Exception {
        List<NumaNodes.Value> values = NumaNodes.read(SYS);
        assertThat(values).filteredOn(v -> v.field().equals("MemTotal")).containsExactly(
                new NumaNodes.Value("MemTotal", "0", 24683756.0 * 1024, false),
                new NumaNodes.Value("MemTotal", "1", 12341878.0 * 1024, false));
        assertThat(values).filteredOn(v -> v.node().equals("1") && v.counter()).extracting(NumaNodes.Value::field)
                .containsExactly("numa_hit", "numa_miss", "numa_foreign", "interleave_hit", "local_node", "other_node");
        assertThat(values).filteredOn(v -> v.field().equals("HugePages_Total")).allSatisfy(v ->
                assertThat(v.value()).isZero());
        assertThat(values).extracting(NumaNodes.Value::field).contains("Active_anon", "Inactive_file")
                .doesNotContain("Active(anon)");
    }

    @Test
    void fieldNamesAsUpstreamRewritesThem() {
        assertThat(NumaNodes.fieldName("Active(anon):")).isEqualTo("Active_anon");
        assertThat(NumaNodes.fieldName("MemTotal::")).isEqualTo("MemTotal");
        assertThat(NumaNodes.fieldName("A(b)c(d):")).as("the greedy (.*)").isEqualTo("A_b)c(d");
    }

    @Test
    void malformedLinesFailAndANodeLabelComesFromTheLineForMeminfo() throws Exception {
        List<NumaNodes.Value> out = new ArrayList<>();
        NumaNodes.parseMeminfo("Node 7 HugePages_Free: 3\n\n", out);
        assertThat(out).containsExactly(new NumaNodes.Value("HugePages_Free", "7", 3, false));
        assertThatThrownBy(() -> NumaNodes.parseMeminfo("Node 0 MemTotal:\n", out)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> NumaNodes.parseMeminfo("Node 0 MemTotal: 1 MB\n", out)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> NumaNodes.parseNumastat("numa_hit 1 2\n", "0", out)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> NumaNodes.parseNumastat("numa_hit x\n", "0", out)).isInstanceOf(IOException.class);
    }

    @Test
    void withoutNodeDirectoriesThereIsNothingAndANodeWithoutNumastatFails(@TempDir Path sys) throws Exception {
        assertThat(NumaNodes.read(sys)).isEmpty();
        Path node = Files.createDirectories(sys.resolve("devices/system/node/node3"));
        Files.writeString(node.resolve("meminfo"), "Node 3 MemTotal: 1 kB\n");
        assertThatThrownBy(() -> NumaNodes.read(sys)).isInstanceOf(NoSuchFileException.class);
        Files.writeString(node.resolve("numastat"), "numa_hit 5\n");
        assertThat(NumaNodes.read(sys)).containsExactly(new NumaNodes.Value("MemTotal", "3", 1024, false),
                new NumaNodes.Value("numa_hit", "3", 5, true));
    }

    @Test
    void ksmReadsItsNineFilesAndFailsWithoutOne(@TempDir Path sys) throws Exception {
        Map<String, Double> values = Ksm.read(SYS);
        assertThat(values.keySet()).containsExactlyElementsOf(Ksm.FILES);
        assertThat(values).containsEntry("sleep_millisecs", 20.0).containsEntry("pages_to_scan", 100.0);
        Path ksm = Files.createDirectories(sys.resolve("kernel/mm/ksm"));
        for (String f : Ksm.FILES) {
            Files.writeString(ksm.resolve(f), "1\n");
        }
        assertThat(Ksm.read(sys)).containsEntry("run", 1.0);
        Files.writeString(ksm.resolve("run"), "on\n");
        assertThatThrownBy(() -> Ksm.read(sys)).isInstanceOf(IOException.class);
        Files.delete(ksm.resolve("run"));
        assertThatThrownBy(() -> Ksm.read(sys)).isInstanceOf(NoSuchFileException.class);
    }
}
