package org.nodeprocessexporter.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Main;
import org.nodeprocessexporter.reference.PrometheusServer;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.testsupport.Child;

/**
 * The fleet shape on one machine: three exporters, each in a network namespace of its own that
 * stands for a host (a veth pair to the test's namespace, the exporter on {@code :9100} there as on
 * a real host), one Prometheus that finds them through {@code file_sd} (two listed first, the
 * third added to the file while it runs), and the recording rules aggregating across them.
 */
class FleetTest {
    private static final int HOSTS = 3;

    @Test
    void prometheusDiscoversTheHostsAndTheRecordingRulesAddThemUp(@TempDir Path tmp) throws Exception {
        String prefix = "npefleet" + ProcessHandle.current().pid() % 100000;
        List<String> namespaces = new ArrayList<>();
        List<Process> exporters = new ArrayList<>();
        try {
            List<String> targets = new ArrayList<>();
            for (int i = 1; i <= HOSTS; i++) {
                String ns = prefix + "h" + i;
                String hostSide = "10.231." + i + ".2";
                namespaces.add(ns);
                ip("netns", "add", ns);
                ip("link", "add", prefix + "v" + i, "type", "veth", "peer", "name", "eth0", "netns", ns);
                ip("addr", "add", "10.231." + i + ".1/24", "dev", prefix + "v" + i);
                ip("link", "set", prefix + "v" + i, "up");
                ip("-n", ns, "addr", "add", hostSide + "/24", "dev", "eth0");
                ip("-n", ns, "link", "set", "eth0", "up");
                ip("-n", ns, "link", "set", "lo", "up");
                List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
                command.addAll(Child.javaCommand(List.of("-Xmx64m"), Main.class, "--web.listen-address=:9100",
                        "--no-collector.process_detail.netstat"));
                exporters.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(tmp.resolve(ns + ".log").toFile()).start());
                targets.add(hostSide + ":9100");
            }
            for (String target : targets) {
                awaitServing(target); // and warm: a cold JVM's first scrapes may outlast a short timeout
            }

            Path sd = tmp.resolve("hosts.json");
            writeTargets(sd, targets.subList(0, 2));
            try (PrometheusServer prometheus = PrometheusServer.start(tmp, config(sd), List.of())) {
                prometheus.waitForResult("job:namedprocess_namegroup_instances:count{job=\"fleet\"} == 2");
                writeTargets(sd, targets);
                prometheus.waitForResult("count(up{job=\"fleet\"} == 1) == 3");
                prometheus.waitForResult("job:namedprocess_namegroup_instances:count{job=\"fleet\"} == 3");

                List<Map<String, Object>> perHost = prometheus.query("instance:namedprocess_namegroup_num_procs:sum{job=\"fleet\"}");
                assertThat(perHost).hasSize(HOSTS);
                assertThat(perHost).allSatisfy(s -> assertThat(value(s)).isGreaterThan(10));
                // the fleet total is the sum of the hosts' totals, at the same evaluation
                prometheus.waitForResult("job:namedprocess_namegroup_num_procs:sum{job=\"fleet\"}");
                assertThat(prometheus.query("""
                        abs(job:namedprocess_namegroup_num_procs:sum{job="fleet"}
                          - on(job) sum by (job) (instance:namedprocess_namegroup_num_procs:sum{job="fleet"}))
                        """)).singleElement().satisfies(s -> assertThat(value(s)).isZero());
                assertThat(prometheus.query("count by (job) (node_exporter_build_info{job=\"fleet\"})"))
                        .singleElement().satisfies(s -> assertThat(value(s)).isEqualTo(HOSTS));
            }
        } finally {
            for (Process p : exporters) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            for (String ns : namespaces) {
                ReferenceBinaries.run(List.of("ip", "netns", "delete", ns), null); // takes its veth end along
            }
        }
    }

    private static String config(Path sd) throws Exception {
        return MonitoringFiles.prometheusConfig("2s", """
                - job_name: fleet
                  file_sd_configs:
                    - files: ['%s']
                      refresh_interval: 1s
                """.formatted(sd.toAbsolutePath()));
    }

    private static void writeTargets(Path sd, List<String> targets) throws Exception {
        Path next = sd.resolveSibling(sd.getFileName() + ".new");
        Files.writeString(next, "[{\"targets\": [\"" + String.join("\", \"", targets) + "\"], \"labels\": {\"env\": \"test\"}}]\n");
        Files.move(next, sd, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitServing(String target) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + target + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    for (int i = 0; i < 3; i++) {
                        client.send(HttpRequest.newBuilder(URI.create("http://" + target + "/metrics"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                    }
                    return;
                }
            } catch (java.io.IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("exporter at " + target + " never served", last);
    }

    private static void ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        var r = ReferenceBinaries.run(command, null);
        assertThat(r.status()).as(String.join(" ", command) + ": " + r.output()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static double value(Map<String, Object> series) {
        return Double.parseDouble(String.valueOf(((List<Object>) series.get("value")).get(1)));
    }
}
