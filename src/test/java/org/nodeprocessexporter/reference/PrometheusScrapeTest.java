package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.RunningExporter;
import org.nodeprocessexporter.web.HttpTestClient;

/** A real Prometheus server scrapes the exporter: the target is up and node metrics arrive. */
class PrometheusScrapeTest {
    @Test
    void prometheusScrapesUs(@TempDir Path tmp) throws Exception {
        try (RunningExporter exporter = new RunningExporter()) {
            Path config = tmp.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: node
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(exporter.port));
            int port = ReferenceBinaries.freePort();
            Process prometheus = new ProcessBuilder(
                    ReferenceBinaries.require(ReferenceBinaries.PROMETHEUS).toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
            try {
                HttpTestClient api = new HttpTestClient(port);
                String up = waitForResult(api, "up{job=\"node\"} == 1");
                assertThat(up).contains("\"instance\":\"127.0.0.1:" + exporter.port + "\"");
                String load = waitForResult(api, "node_load1");
                assertThat(load).contains("\"__name__\":\"node_load1\"");
                String memory = waitForResult(api, "node_memory_MemTotal_bytes > 0");
                assertThat(memory).contains("node_memory_MemTotal_bytes");
                String health = waitForResult(api, "scrape_samples_scraped{job=\"node\"} > 100");
                assertThat(health).contains("scrape_samples_scraped");
            } finally {
                prometheus.destroy();
                prometheus.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Polls the query API until the instant query returns at least one series. */
    private static String waitForResult(HttpTestClient api, String query) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> r = api.get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
                last = r.body();
                if (r.statusCode() == 200 && last.contains("\"result\":[{")) {
                    return last;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no result for " + query + ": " + last);
    }

}
