package org.nodeprocessexporter.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.RunningExporter;
import org.nodeprocessexporter.reference.PrometheusServer;
import org.nodeprocessexporter.reference.ReferenceBinaries;

/**
 * The whole exporter behind --web.config.file with TLS and basic auth: curl and a real Prometheus
 * server (scheme https, tls_config, basic_auth) against it.
 */
class SecuredExporterTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static RunningExporter exporter;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        String hash = new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hash(6, "s3cret".toCharArray()),
                StandardCharsets.US_ASCII);
        Path config = dir.resolve("web.yml");
        Files.writeString(config, """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                basic_auth_users:
                  prometheus: '%s'
                http_server_config:
                  headers:
                    X-Frame-Options: deny
                """.formatted(hash));
        exporter = new RunningExporter("--web.config.file=" + config, "--collector.disable-defaults",
                "--collector.loadavg");
    }

    @AfterAll
    static void stop() {
        exporter.close();
    }

    private ReferenceBinaries.CommandResult curl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/stdout", "-w", "\n%{http_code}",
                "--cacert", pki.path("ca.crt").toString()));
        cmd.addAll(List.of(args));
        return ReferenceBinaries.run(cmd, null);
    }

    @Test
    void rightCredentialsOverTlsGetTheMetrics() throws Exception {
        String out = curl("-u", "prometheus:s3cret", "https://127.0.0.1:" + exporter.port + "/metrics").output();
        assertThat(out).contains("\nnode_load1 ").endsWith("\n200");
    }

    @Test
    void wrongOrMissingCredentialsGet401EverywhereIncludingTheLandingPage() throws Exception {
        assertThat(curl("-u", "prometheus:wrong", "https://127.0.0.1:" + exporter.port + "/metrics").output())
                .endsWith("\n401");
        assertThat(curl("https://127.0.0.1:" + exporter.port + "/metrics").output()).endsWith("\n401");
        assertThat(curl("https://127.0.0.1:" + exporter.port + "/").output()).endsWith("\n401");
        String headers = curl("-D", "-", "https://127.0.0.1:" + exporter.port + "/").output();
        assertThat(headers.toLowerCase()).contains("www-authenticate: basic");
    }

    @Test
    void securityHeadersAreSent() throws Exception {
        String headers = curl("-D", "-", "-u", "prometheus:s3cret", "https://127.0.0.1:" + exporter.port + "/").output();
        assertThat(headers.toLowerCase()).contains("x-frame-options: deny");
    }

    @Test
    void plainHttpToTheTlsPortIsRefused() throws Exception {
        ReferenceBinaries.CommandResult r = curl("-u", "prometheus:s3cret", "http://127.0.0.1:" + exporter.port + "/metrics");
        assertThat(r.output()).doesNotContain("node_load1").doesNotEndWith("\n200");
    }

    @Test
    void prometheusScrapesOverTlsWithBasicAuth() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(dir, """
                - job_name: node
                  scheme: https
                  tls_config:
                    ca_file: %s
                  basic_auth:
                    username: prometheus
                    password: s3cret
                  static_configs:
                    - targets: ['127.0.0.1:%d']
                """.formatted(pki.path("ca.crt"), exporter.port))) {
            assertThat(prometheus.waitForResult("up{job=\"node\"} == 1")).contains("\"job\":\"node\"");
        }
    }
}
