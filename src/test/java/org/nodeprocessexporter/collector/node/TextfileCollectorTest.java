package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;

/** node_exporter's textfile semantics, checked against what node_exporter 1.5 prints for the same files. */
class TextfileCollectorTest {
    private static String scrape(Path... dirs) throws Exception {
        String[] args = new String[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            args[i] = "--collector.textfile.directory=" + dirs[i];
        }
        return CollectorHarness.scrape(CollectorHarness.build(TextfileCollector.SPEC, dirs[0], dirs[0], dirs[0], args));
    }

    @Test
    void goodFilesAreMergedAndBadOnesSkippedAndFlagged(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.prom"), """
                # HELP my_counter_total A counter
                # TYPE my_counter_total counter
                my_counter_total{a="1"} 5
                my_gauge 3
                """);
        Files.writeString(dir.resolve("hs.prom"), """
                # TYPE h histogram
                h_bucket{le="1"} 2
                h_bucket{le="+Inf"} 3
                h_sum 4
                h_count 3
                # TYPE s summary
                s{quantile="0.5"} 1
                s_sum 2
                s_count 3
                """);
        Files.writeString(dir.resolve("bad.prom"), "bad metric here\n");
        Files.writeString(dir.resolve("ts.prom"), "ts_metric 1 1700000000000\n");
        Files.writeString(dir.resolve("ignored.txt"), "not_read 1\n");
        for (String f : new String[] {"good.prom", "hs.prom"}) {
            Files.setLastModifiedTime(dir.resolve(f), FileTime.fromMillis(1_700_000_000_000L));
        }
        assertThat(scrape(dir)).isEqualTo("""
                # HELP h Metric read from %1$s/hs.prom
                # TYPE h histogram
                h_bucket{le="1.0"} 2
                h_bucket{le="+Inf"} 3
                h_count 3
                h_sum 4.0
                # HELP my_counter_total A counter
                # TYPE my_counter_total counter
                my_counter_total{a="1"} 5.0
                # HELP my_gauge Metric read from %1$s/good.prom
                # TYPE my_gauge untyped
                my_gauge 3.0
                # HELP node_textfile_mtime_seconds Unixtime mtime of textfiles successfully read.
                # TYPE node_textfile_mtime_seconds gauge
                node_textfile_mtime_seconds{file="%1$s/good.prom"} 1.7E9
                node_textfile_mtime_seconds{file="%1$s/hs.prom"} 1.7E9
                # HELP node_textfile_scrape_error 1 if there was an error opening or reading a file, 0 otherwise
                # TYPE node_textfile_scrape_error gauge
                node_textfile_scrape_error 1.0
                # HELP s Metric read from %1$s/hs.prom
                # TYPE s summary
                s{quantile="0.5"} 1.0
                s_count 3
                s_sum 2.0
                """.formatted(dir));
    }

    @Test
    void aMissingDirectoryIsAnErrorNotAFailure(@TempDir Path dir) throws Exception {
        assertThat(scrape(dir.resolve("nonexistent"))).isEqualTo("""
                # HELP node_textfile_scrape_error 1 if there was an error opening or reading a file, 0 otherwise
                # TYPE node_textfile_scrape_error gauge
                node_textfile_scrape_error 1.0
                """);
    }

    @Test
    void severalDirectoriesAreRead(@TempDir Path a, @TempDir Path b) throws Exception {
        Files.writeString(a.resolve("a.prom"), "from_a 1\n");
        Files.writeString(b.resolve("b.prom"), "from_b 2\n");
        String text = scrape(a, b);
        assertThat(text).contains("\nfrom_a 1.0").contains("\nfrom_b 2.0").contains("node_textfile_scrape_error 0.0");
    }

    @Test
    void aFamilySpreadOverFilesIsMergedAsNodeExporterMergesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.prom"), "dup{f=\"a\"} 1\nsame 1\n");
        Files.writeString(dir.resolve("b.prom"), "dup{f=\"b\"} 2\nsame 9\n");
        String text = scrape(dir);
        assertThat(text).contains("# HELP dup Metric read from " + dir + "/a.prom, " + dir + "/b.prom\n")
                .contains("dup{f=\"a\"} 1.0\ndup{f=\"b\"} 2.0")
                .contains("\nsame 1.0").doesNotContain("same 9")
                .contains("node_textfile_scrape_error 0.0");
    }

    @Test
    void aFileGivingAFamilyAnotherTypeIsRefusedWhole(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.prom"), "# TYPE x gauge\nx 1\n");
        Files.writeString(dir.resolve("b.prom"), "# TYPE x counter\nx 2\nother_from_b 3\n");
        String text = scrape(dir);
        assertThat(text).contains("\nx 1.0").doesNotContain("other_from_b").contains("node_textfile_scrape_error 1.0");
    }
}
