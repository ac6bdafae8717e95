package org.nodeprocessexporter.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The files under {@code monitoring/} that the project ships: rule files, their promtool unit
 * tests, and the Grafana dashboard, read as data (JSON is read with the YAML 1.2 loader, whose
 * flow syntax covers it).
 */
final class MonitoringFiles {
    static final Path ROOT = Path.of("monitoring");
    static final Path DASHBOARD = ROOT.resolve("dashboards/node-process-exporter-processes.json");

    private MonitoringFiles() {
    }

    static List<Path> ruleFiles() throws IOException {
        return list(ROOT.resolve("rules"));
    }

    static List<Path> ruleTests() throws IOException {
        return list(ROOT.resolve("tests"));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    static Object load(Path file) throws IOException {
        return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * A Prometheus configuration loading every shipped rule file, scraping every {@code interval}
     * (timeout alike) and evaluating every second, with {@code scrapeConfigs} (the YAML list).
     */
    static String prometheusConfig(String interval, String scrapeConfigs) throws IOException {
        StringBuilder rules = new StringBuilder();
        for (Path file : ruleFiles()) {
            rules.append("  - ").append(file.toAbsolutePath()).append('\n');
        }
        return "global:\n  scrape_interval: " + interval + "\n  scrape_timeout: " + interval
                + "\n  evaluation_interval: 1s\nrule_files:\n" + rules + "scrape_configs:\n" + scrapeConfigs.indent(2);
    }

    /** Every rule of every rule file: alert or record name, expr, labels, annotations, for. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path file : ruleFiles()) {
            Map<String, Object> doc = (Map<String, Object>) load(file);
            for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                out.addAll((List<Map<String, Object>>) group.get("rules"));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dashboard() throws IOException {
        return (Map<String, Object>) load(DASHBOARD);
    }

    /** Every panel, those inside (collapsed) rows included; rows themselves too. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) dashboard.get("panels")) {
            out.add(p);
            Object nested = p.get("panels");
            if (nested instanceof List<?> list) {
                out.addAll((List<Map<String, Object>>) list);
            }
        }
        return out;
    }

    /** The dashboard's template variables. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> variables(Map<String, Object> dashboard) {
        return (List<Map<String, Object>>) ((Map<String, Object>) dashboard.get("templating")).get("list");
    }

    /** A panel's query expressions, in target order. */
    @SuppressWarnings("unchecked")
    static List<String> exprs(Map<String, Object> panel) {
        List<String> out = new ArrayList<>();
        Object targets = panel.get("targets");
        if (targets instanceof List<?> list) {
            for (Map<String, Object> t : (List<Map<String, Object>>) list) {
                out.add((String) t.get("expr"));
            }
        }
        return out;
    }

    /**
     * {@code text} with Grafana's variables replaced as Grafana would for one choice of them:
     * {@code $name} and {@code ${name}} by {@code values}, and the built-in intervals by what
     * Grafana computes for a short range at a 1-s scrape interval.
     */
    static String substitute(String text, Map<String, String> values) {
        String out = text.replace("$__rate_interval", "15s").replace("$__interval", "1s").replace("$__range", "1m");
        // longest names first, so $instance is not taken for $in...
        List<String> names = new ArrayList<>(values.keySet());
        names.sort((a, b) -> b.length() - a.length());
        for (String name : names) {
            out = out.replace("${" + name + "}", values.get(name)).replace("$" + name, values.get(name));
        }
        return out;
    }
}
