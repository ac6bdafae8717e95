package org.nodeprocessexporter.reference;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nodeprocessexporter.web.HttpTestClient;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** A real Prometheus server (Debian's package) on a loopback port, with a generated config. */
public final class PrometheusServer implements AutoCloseable {
    private final Process process;
    private final HttpTestClient api;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.api = new HttpTestClient(port);
        this.log = log;
    }

    /**
     * Starts Prometheus scraping every 2 s (timeout 2 s: the exporter gets a 1.5 s budget) with
     * {@code scrapeConfigs} (the YAML list under scrape_configs).
     */
    public static PrometheusServer start(Path dir, String scrapeConfigs) throws Exception {
        return start(dir, "global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\nscrape_configs:\n"
                + scrapeConfigs.indent(2), List.of());
    }

    /** Starts Prometheus with a whole configuration file's text and extra command-line flags. */
    public static PrometheusServer start(Path dir, String configYaml, List<String> flags) throws Exception {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, configYaml);
        int port = ReferenceBinaries.freePort();
        List<String> command = new ArrayList<>(List.of(ReferenceBinaries.require(ReferenceBinaries.PROMETHEUS).toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        command.addAll(flags);
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(p, port, log);
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

    /**
     * The {@code data} object of a GET on the HTTP API ({@code /api/v1/...}), parsed; an error
     * answer fails with Prometheus' message.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> apiData(String pathAndQuery) throws Exception {
        HttpResponse<String> r = api.get(pathAndQuery);
        Map<String, Object> body = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.get("status"))) {
            throw new AssertionError(pathAndQuery + ": " + r.statusCode() + " " + r.body());
        }
        return (Map<String, Object>) body.get("data");
    }

    /** The result vector of an instant query (each element: {@code metric} labels and {@code value}). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> query(String promql) throws Exception {
        Map<String, Object> data = apiData("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        Object result = data.get("result");
        return result instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    /** The alerts Prometheus holds now, pending and firing, each with {@code labels} and {@code state}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> alerts() throws Exception {
        return (List<Map<String, Object>>) apiData("/api/v1/alerts").get("alerts");
    }

    /** What Prometheus logged so far, for failure messages. */
    public String log() throws java.io.IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
