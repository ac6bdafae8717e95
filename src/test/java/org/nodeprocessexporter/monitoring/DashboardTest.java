package org.nodeprocessexporter.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's JSON parses and holds together: every panel queries through the datasource
 * variable, every variable it uses exists, ids are unique, and the per-process panels stay bounded
 * (topk or one chosen group) so that a host with 2,000 processes does not draw 2,000 lines.
 * Whether each query returns data is checked against a real Prometheus in
 * {@link MonitoringEndToEndTest}.
 */
class DashboardTest {
    @Test
    @SuppressWarnings("unchecked")
    void everyPanelUsesTheDatasourceVariableAndKnownVariables() throws Exception {
        Map<String, Object> dashboard = MonitoringFiles.dashboard();
        assertThat(dashboard.get("uid")).isEqualTo("node-process-exporter-processes");
        assertThat((Integer) dashboard.get("schemaVersion")).isGreaterThanOrEqualTo(39);

        Set<String> variables = new HashSet<>();
        for (Map<String, Object> v : MonitoringFiles.variables(dashboard)) {
            variables.add((String) v.get("name"));
            if (!"datasource".equals(v.get("type")) && v.containsKey("datasource")) {
                assertThat(v.get("datasource")).as("variable " + v.get("name"))
                        .isEqualTo(Map.of("type", "prometheus", "uid", "${datasource}"));
            }
        }
        assertThat(variables).contains("datasource", "job", "instance", "groupname", "topk");
        assertThat(MonitoringFiles.variables(dashboard).get(0)).containsEntry("type", "datasource")
                .containsEntry("query", "prometheus");

        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (Map<String, Object> panel : MonitoringFiles.panels(dashboard)) {
            String title = (String) panel.get("title");
            assertThat(ids.add((Integer) panel.get("id"))).as("unique id of " + title).isTrue();
            assertThat(panel.get("gridPos")).as(title).isNotNull();
            if ("row".equals(panel.get("type"))) {
                continue;
            }
            assertThat(panel.get("datasource")).as(title).isEqualTo(Map.of("type", "prometheus", "uid", "${datasource}"));
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
                assertThat(target.get("datasource")).as(title).isEqualTo(Map.of("type", "prometheus", "uid", "${datasource}"));
                String expr = (String) target.get("expr");
                assertThat(expr).as(title).isNotBlank();
                for (String used : usedVariables(expr + " " + title)) {
                    assertThat(variables).as("variable $" + used + " of " + title).contains(used);
                }
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(25);
    }

    @Test
    void perProcessPanelsAreBounded() throws Exception {
        List<String> unbounded = new ArrayList<>();
        for (Map<String, Object> panel : MonitoringFiles.panels(MonitoringFiles.dashboard())) {
            for (String expr : MonitoringFiles.exprs(panel)) {
                boolean perGroup = expr.contains("namedprocess_namegroup_") || expr.contains("groupname:");
                boolean aggregated = expr.startsWith("sum by (") && !expr.startsWith("sum by (groupname")
                        || expr.startsWith("instance:") || expr.startsWith("sum by (protocol, state) (instance:");
                boolean bounded = expr.contains("topk($topk") || expr.contains("groupname=~\"$groupname\"") || aggregated;
                if (perGroup && !bounded) {
                    unbounded.add(panel.get("title") + ": " + expr);
                }
            }
        }
        assertThat(unbounded).as("panels that would draw one series per process").isEmpty();
    }

    /** {@code $name} and {@code ${name}} in a text, without Grafana's built-ins ({@code $__...}). */
    static Set<String> usedVariables(String text) {
        Set<String> out = new HashSet<>();
        for (int i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
            int start = i + 1;
            boolean braced = start < text.length() && text.charAt(start) == '{';
            if (braced) {
                start++;
            }
            int end = start;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            String name = text.substring(start, end);
            if (!name.isEmpty() && !name.startsWith("__") && !Character.isDigit(name.charAt(0))) {
                out.add(name);
            }
        }
        return out;
    }
}
