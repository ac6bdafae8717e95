package org.nodeprocessexporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.RunningExporter;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.ScrapeRunner;

class TelemetryEndpointTest {
    static RunningExporter exporter;

    @BeforeAll
    static void start() throws Exception {
        exporter = new RunningExporter("--no-collector.time");
    }

    @AfterAll
    static void stop() {
        exporter.close();
    }

    @Test
    void servesEveryEnabledCollectorAndTheExporterMetrics() throws Exception {
        HttpResponse<String> r = exporter.http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body())
                .contains("\nnode_load1 ")
                .contains("node_memory_MemTotal_bytes ")
                .contains("node_uname_info{")
                .contains("node_scrape_collector_success{collector=\"loadavg\"} 1")
                .contains("node_scrape_collector_success{collector=\"uname\"} 1")
                .contains("node_scrape_collector_duration_seconds{collector=\"meminfo\"}")
                .contains("node_exporter_build_info{")
                .contains("\nprocess_cpu_seconds_total ")
                .contains("\nprocess_resident_memory_bytes ")
                .contains("\njvm_memory_used_bytes{")
                .contains("promhttp_metric_handler_requests_total{code=\"200\"}")
                .contains("\npromhttp_metric_handler_requests_in_flight 1")
                .doesNotContain("collector=\"time\"");
    }

    @Test
    void collectServesOnlyTheNamedCollectors() throws Exception {
        String body = exporter.http.get("/metrics?collect[]=loadavg&collect%5B%5D=uname").body();
        assertThat(body).contains("\nnode_load1 ").contains("node_uname_info{")
                .contains("node_scrape_collector_success{collector=\"loadavg\"} 1")
                .doesNotContain("node_memory_").doesNotContain("collector=\"meminfo\"")
                .contains("node_exporter_build_info{");
    }

    @Test
    void excludeServesAllButTheNamedCollectors() throws Exception {
        String body = exporter.http.get("/metrics?exclude[]=loadavg").body();
        assertThat(body).doesNotContain("\nnode_load1 ").doesNotContain("collector=\"loadavg\"")
                .contains("node_memory_MemTotal_bytes ");
    }

    @Test
    void badFiltersGetNodeExportersMessages() throws Exception {
        HttpResponse<String> both = exporter.http.get("/metrics?collect[]=loadavg&exclude[]=meminfo");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).isEqualTo("Combined collect and exclude queries are not allowed.\n");

        HttpResponse<String> unknown = exporter.http.get("/metrics?collect[]=nosuch");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo(
                "Couldn't create filtered metrics handler: couldn't create collector: missing collector: nosuch\n");

        HttpResponse<String> disabled = exporter.http.get("/metrics?collect[]=time");
        assertThat(disabled.statusCode()).isEqualTo(400);
        assertThat(disabled.body()).isEqualTo(
                "Couldn't create filtered metrics handler: couldn't create collector: disabled collector: time\n");
    }

    @Test
    void everyOtherPathIsTheLandingPage() throws Exception {
        for (String path : new String[] {"/", "/index.html", "/metrics/extra"}) {
            HttpResponse<String> r = exporter.http.get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
            assertThat(r.body()).contains("<a href=\"/metrics\">Metrics</a>");
        }
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> r = exporter.http.head("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void gzipWhenTheClientAcceptsIt() throws Exception {
        HttpResponse<byte[]> r = exporter.http.getBytes("/metrics", "Accept-Encoding", "gzip, deflate");
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text).contains("\nnode_load1 ");

        HttpResponse<byte[]> plain = exporter.http.getBytes("/metrics", "Accept-Encoding", "gzip;q=0, identity");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void openMetricsWhenAskedFor() throws Exception {
        HttpResponse<String> r = exporter.http.get("/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(r.body()).contains("# TYPE node_load1 gauge").endsWith("# EOF\n");
    }

    @Test
    void protobufWhenAskedFor() throws Exception {
        HttpResponse<byte[]> r = exporter.http.getBytes("/metrics", "Accept",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily");
        // length-delimited MetricFamily messages: a varint length, then field 1 (name) as tag 0x0a
        byte[] body = r.body();
        int length = 0;
        int shift = 0;
        int i = 0;
        while ((body[i] & 0x80) != 0) {
            length |= (body[i++] & 0x7f) << shift;
            shift += 7;
        }
        length |= body[i++] << shift;
        assertThat(length).isPositive().isLessThan(body.length);
        assertThat(body[i]).isEqualTo((byte) 0x0a);
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).contains("node_load1");
    }

    @Test
    void moreScrapesThanTheLimitGet503() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Collector slow = sink -> {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            sink.gauge("slow_done", "test", 1);
        };
        try (ScrapeRunner runner = new ScrapeRunner(Map.of("slow", slow), 2);
             WebServer web = WebServer.start(new WebServer.Options(java.util.List.of("127.0.0.1:0"), "/metrics", true, 1,
                     Duration.ofSeconds(30)), runner, Set.of("slow"))) {
            HttpTestClient http = new HttpTestClient(web.addresses().get(0).getPort());
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return http.get("/metrics");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = http.get("/metrics");
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.body()).isEqualTo("Limit of concurrent requests reached (1), try again later.\n");
            release.countDown();
            HttpResponse<String> done = first.get(20, TimeUnit.SECONDS);
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("\nslow_done 1");
            // the first scrape's handler leaves the in-flight count only after its client has the
            // whole body, so a request right after it may still be refused: those count too
            int refused = 1;
            HttpResponse<String> after = http.get("/metrics");
            for (int i = 0; after.statusCode() == 503 && i < 100; i++) {
                refused++;
                Thread.sleep(20);
                after = http.get("/metrics");
            }
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).contains("promhttp_metric_handler_requests_total{code=\"503\"} " + refused);
        }
    }

    @Test
    void aCustomTelemetryPathMovesTheMetrics() throws Exception {
        try (RunningExporter custom = new RunningExporter("--web.telemetry-path=/m", "--collector.disable-defaults",
                "--collector.loadavg", "--web.disable-exporter-metrics")) {
            String metrics = custom.http.get("/m").body();
            assertThat(metrics).contains("\nnode_load1 ").contains("node_exporter_build_info{")
                    .doesNotContain("process_cpu_seconds_total").doesNotContain("jvm_")
                    .doesNotContain("promhttp_").doesNotContain("node_memory_");
            assertThat(custom.http.get("/metrics").body()).contains("<a href=\"/m\">");
        }
    }
}
