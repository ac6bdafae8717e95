package org.nodeprocessexporter.reference;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nodeprocessexporter.web.HttpTestClient;

/** A real Prometheus server (Debian's package) on a loopback port, with a generated config. */
public final class PrometheusServer implements AutoCloseable {
    private final Process process;
    private final HttpTestClient api;

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.api = new HttpTestClient(port);
    }

    /**
     * Starts Prometheus scraping every 2 s (timeout 2 s: the exporter gets a 1.5 s budget) with
     * {@code scrapeConfigs} (the YAML list under scrape_configs).
     */
    public static PrometheusServer start(Path dir, String scrapeConfigs) throws Exception {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\nscrape_configs:\n"
                + scrapeConfigs.indent(2));
        int port = ReferenceBinaries.freePort();
        Process p = new ProcessBuilder(ReferenceBinaries.require(ReferenceBinaries.PROMETHEUS).toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return new PrometheusServer(p, port);
    }

    /** Polls the instant-query API until {@code query} returns at least one series; its JSON. */
    public String waitForResult(String query) throws Exception {
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
