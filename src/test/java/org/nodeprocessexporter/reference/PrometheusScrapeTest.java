package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.RunningExporter;

/** A real Prometheus server scrapes the exporter: the target is up and node metrics arrive. */
class PrometheusScrapeTest {
    @Test
    void prometheusScrapesUs(@TempDir Path tmp) throws Exception {
        try (RunningExporter exporter = new RunningExporter();
             PrometheusServer prometheus = PrometheusServer.start(tmp, """
                     - job_name: node
                       static_configs:
                         - targets: ['127.0.0.1:%d']
                     """.formatted(exporter.port))) {
            assertThat(prometheus.waitForResult("up{job=\"node\"} == 1"))
                    .contains("\"instance\":\"127.0.0.1:" + exporter.port + "\"");
            assertThat(prometheus.waitForResult("node_load1")).contains("\"__name__\":\"node_load1\"");
            assertThat(prometheus.waitForResult("node_memory_MemTotal_bytes > 0")).contains("node_memory_MemTotal_bytes");
            assertThat(prometheus.waitForResult("count(namedprocess_namegroup_num_procs) > 0")).contains("\"value\"");
            // process-exporter's counter names, without _total, in whatever format Prometheus negotiated
            assertThat(prometheus.waitForResult("namedprocess_scrape_partial_errors"))
                    .contains("\"__name__\":\"namedprocess_scrape_partial_errors\"");
            assertThat(prometheus.waitForResult("scrape_samples_scraped{job=\"node\"} > 100"))
                    .contains("scrape_samples_scraped");
        }
    }
}
