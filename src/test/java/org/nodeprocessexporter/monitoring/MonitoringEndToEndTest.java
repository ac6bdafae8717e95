package org.nodeprocessexporter.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.RunningExporter;
import org.nodeprocessexporter.reference.PrometheusServer;
import org.nodeprocessexporter.testsupport.AlertChild;
import org.nodeprocessexporter.testsupport.Child;

/**
 * The shipped rules and dashboard against a real Prometheus (Debian's) scraping our exporter every
 * second, with a child of known shape: every dashboard query returns data; then the child leaks
 * descriptors and holds CLOSE_WAIT connections, and exactly the two matching alerts go pending (or
 * firing) for its group; then it exits, they resolve, and ProcessGroupDown alone is left. Nothing
 * else goes pending at any point.
 */
class MonitoringEndToEndTest {
    private static final String GROUP = "alertchild";

    @Test
    void dashboardQueriesReturnDataAndAlertsFollowTheChild(@TempDir Path tmp) throws Exception {
        Path names = tmp.resolve("names.yml");
        Files.writeString(names, """
                process_names:
                  - name: "{{.Comm}}"
                    comm: [alertchild]
                  - name: "{{.Comm}}_{{.PID}}"
                    cmdline: ['.+']
                """);
        try (Child child = Child.wrapped(List.of("prlimit", "--nofile=256:256"), List.of(), AlertChild.class);
             RunningExporter exporter = warm(new RunningExporter("--collector.process_detail.config.path=" + names));
             PrometheusServer prometheus = PrometheusServer.start(tmp, prometheusConfig(exporter.port),
                     List.of("--enable-feature=extra-scrape-metrics"))) {
            String instance = "127.0.0.1:" + exporter.port;
            prometheus.waitForResult("namedprocess_namegroup_num_procs{groupname=\"" + GROUP + "\"} == 1");
            prometheus.waitForResult("groupname:namedprocess_namegroup_cpu_seconds:rate5m");

            everyDashboardQueryReturnsData(prometheus, Map.of("job", "node", "instance", instance,
                    "groupname", GROUP, "topk", "10", "datasource", "prometheus"));
            assertThat(active(prometheus)).as("alerts before anything went wrong").isEmpty();

            assertThat(child.ask("leak 0.9")).startsWith("ok");
            awaitAlert(prometheus, "ProcessNearFdLimit");

            assertThat(child.ask("closewait 12")).isEqualTo("ok");
            awaitAlert(prometheus, "ProcessCloseWaitPilingUp");

            assertThat(active(prometheus)).as("pending or firing alerts while the child misbehaves")
                    .containsExactlyInAnyOrder("ProcessNearFdLimit/" + GROUP, "ProcessCloseWaitPilingUp/" + GROUP);

            child.stop();
            awaitAlert(prometheus, "ProcessGroupDown");
            assertThat(prometheus.query("namedprocess_namegroup_num_procs{groupname=\"" + GROUP + "\"}"))
                    .as("the group stays, with no process").hasSize(1);

            // an empty group has no descriptors and no connections: those two resolve
            awaitQuiet(prometheus, "ProcessNearFdLimit");
            awaitQuiet(prometheus, "ProcessCloseWaitPilingUp");
            assertThat(active(prometheus)).as("pending or firing alerts once the child is gone")
                    .containsExactly("ProcessGroupDown/" + GROUP);
        }
    }

    /** A few scrapes first: a cold exporter's first scrapes are slow enough to look like ExporterScrapeSlow. */
    private static RunningExporter warm(RunningExporter exporter) throws Exception {
        for (int i = 0; i < 3; i++) {
            exporter.metrics();
        }
        return exporter;
    }

    private static String prometheusConfig(int port) throws Exception {
        return MonitoringFiles.prometheusConfig("1s", """
                - job_name: node
                  static_configs:
                    - targets: ['127.0.0.1:%d']
                """.formatted(port));
    }

    /**
     * Runs every panel query with the variables substituted, and the variables' own queries; each
     * must return at least one series (polled: rates need two samples, recording rules a round).
     */
    private static void everyDashboardQueryReturnsData(PrometheusServer prometheus, Map<String, String> values)
            throws Exception {
        Map<String, Object> dashboard = MonitoringFiles.dashboard();
        List<String> empty = new ArrayList<>();
        int run = 0;
        for (Map<String, Object> panel : MonitoringFiles.panels(dashboard)) {
            for (String expr : MonitoringFiles.exprs(panel)) {
                String query = MonitoringFiles.substitute(expr, values);
                run++;
                if (!eventuallyNonEmpty(prometheus, query)) {
                    empty.add(panel.get("title") + ": " + query);
                }
            }
        }
        for (Map<String, Object> variable : MonitoringFiles.variables(dashboard)) {
            Object definition = variable.get("definition");
            if (definition == null) {
                continue;
            }
            // label_values(selector, label): the selector must match series carrying the label
            String text = MonitoringFiles.substitute((String) definition, values);
            String inner = text.substring("label_values(".length(), text.length() - 1);
            int comma = inner.lastIndexOf(',');
            String selector = inner.substring(0, comma).strip();
            String label = inner.substring(comma + 1).strip();
            run++;
            String value = values.get(variable.get("name"));
            if (!eventuallyContains(prometheus, "count by (" + label + ") (" + selector + ")", label, value)) {
                empty.add("variable " + variable.get("name") + ": " + text + " lacks " + value);
            }
        }
        assertThat(empty).as("dashboard queries without data (of %d run)", run).isEmpty();
    }

    private static boolean eventuallyNonEmpty(PrometheusServer prometheus, String query) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        do {
            if (!prometheus.query(query).isEmpty()) {
                return true;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < until);
        return false;
    }

    @SuppressWarnings("unchecked")
    private static boolean eventuallyContains(PrometheusServer prometheus, String query, String label, String value)
            throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        do {
            for (Map<String, Object> series : prometheus.query(query)) {
                if (value.equals(((Map<String, Object>) series.get("metric")).get(label))) {
                    return true;
                }
            }
            Thread.sleep(500);
        } while (System.nanoTime() < until);
        return false;
    }

    private static void awaitAlert(PrometheusServer prometheus, String alert) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (active(prometheus).contains(alert + "/" + GROUP)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(alert + " for " + GROUP + " never went pending; active: " + active(prometheus));
    }

    private static void awaitQuiet(PrometheusServer prometheus, String alert) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (active(prometheus).contains(alert + "/" + GROUP)) {
            if (System.nanoTime() > until) {
                throw new AssertionError(alert + " for " + GROUP + " stayed active: " + active(prometheus));
            }
            Thread.sleep(250);
        }
    }

    /** Pending and firing alerts as {@code name/groupname}. */
    @SuppressWarnings("unchecked")
    private static Set<String> active(PrometheusServer prometheus) throws Exception {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> a : prometheus.alerts()) {
            Map<String, Object> labels = (Map<String, Object>) a.get("labels");
            out.add(labels.get("alertname") + "/" + labels.getOrDefault("groupname", ""));
        }
        return out;
    }
}
