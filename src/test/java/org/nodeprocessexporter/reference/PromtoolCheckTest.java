package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.RunningExporter;

/**
 * Our exposition passes promtool, with no lint warning that node_exporter's own output does not
 * get, except one that process-exporter's output gets too: its scrape error counters are counters
 * without the {@code _total} suffix, and process_detail keeps their names and type.
 */
class PromtoolCheckTest {
    @Test
    void theExpositionPassesPromtool(@TempDir Path tmp) throws Exception {
        String ours;
        try (RunningExporter exporter = new RunningExporter()) {
            ours = exporter.metrics();
        }
        String theirs;
        try (ReferenceBinaries.Running ne = ReferenceBinaries.start(ReferenceBinaries.NODE_EXPORTER,
                "--web.listen-address", tmp.resolve("ne.log"))) {
            theirs = ne.http.get("/metrics").body();
        }
        assertThat(ours).contains("# TYPE namedprocess_scrape_errors counter");
        Set<String> ourLints = lintKinds(ours.replaceAll(PROCESS_EXPORTER_COUNTERS, "$1_total"));
        assertThat(lintKinds(ours)).contains(SUFFIX_LINT);
        Set<String> theirLints = lintKinds(theirs);
        assertThat(ourLints).isSubsetOf(theirLints);
    }

    private static final String PROCESS_EXPORTER_COUNTERS =
            "(?m)(?<=^|^# TYPE |^# HELP )(namedprocess_scrape_(?:partial_|procread_)?errors)\\b";
    private static final String SUFFIX_LINT = "counter metrics should have \"_total\" suffix";

    /** promtool's findings with the metric name cut off: "metric names should be ... camelCase". */
    private static Set<String> lintKinds(String exposition) throws Exception {
        ReferenceBinaries.CommandResult r = ReferenceBinaries.run(
                List.of(ReferenceBinaries.require(ReferenceBinaries.PROMTOOL).toString(), "check", "metrics"),
                exposition);
        assertThat(r.output()).doesNotContain("error while linting");
        assertThat(r.status()).as(r.output()).isIn(0, 3);
        Set<String> kinds = new TreeSet<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank()) {
                int space = line.indexOf(' ');
                kinds.add(space < 0 ? line : line.substring(space + 1));
            }
        }
        return kinds;
    }
}
