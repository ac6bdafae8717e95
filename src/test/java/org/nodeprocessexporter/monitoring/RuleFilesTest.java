package org.nodeprocessexporter.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.reference.ReferenceBinaries;

/**
 * The shipped rule files pass {@code promtool check rules}, their unit tests pass
 * {@code promtool test rules}, and every rule is covered: each alert by a test where it fires and
 * a near miss in the same test where it must not, each recording rule by an expression test.
 */
class RuleFilesTest {
    @Test
    void promtoolAcceptsEveryRuleFile() throws Exception {
        assertThat(MonitoringFiles.ruleFiles()).hasSizeGreaterThanOrEqualTo(2);
        for (Path file : MonitoringFiles.ruleFiles()) {
            var r = ReferenceBinaries.run(List.of(ReferenceBinaries.require(ReferenceBinaries.PROMTOOL).toString(),
                    "check", "rules", file.toString()), null);
            assertThat(r.status()).as(r.output()).isZero();
            assertThat(r.output()).contains("SUCCESS");
        }
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        for (Path file : MonitoringFiles.ruleTests()) {
            var r = ReferenceBinaries.run(List.of(ReferenceBinaries.require(ReferenceBinaries.PROMTOOL).toString(),
                    "test", "rules", file.toString()), null);
            assertThat(r.status()).as(r.output()).isZero();
            assertThat(r.output()).contains("SUCCESS").doesNotContain("FAILED");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertSaysWhatItIsAndWhatToDo() throws Exception {
        int alerts = 0;
        for (Map<String, Object> rule : MonitoringFiles.rules()) {
            if (!rule.containsKey("alert")) {
                continue;
            }
            alerts++;
            String name = (String) rule.get("alert");
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(labels.get("severity")).as(name).isIn("warning", "critical");
            assertThat((String) annotations.get("summary")).as(name).isNotBlank();
            assertThat((String) annotations.get("description")).as(name + " says what to do").hasSizeGreaterThan(120);
            assertThat(rule.get("for")).as(name + " waits before firing").isNotNull();
        }
        assertThat(alerts).isGreaterThanOrEqualTo(8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasATestWhereItFiresNextToANearMissWhereItDoesNot() throws Exception {
        Set<String> fired = new HashSet<>();
        List<String> withoutNearMiss = new ArrayList<>();
        Set<String> exprsTested = new HashSet<>();
        for (Path file : MonitoringFiles.ruleTests()) {
            Map<String, Object> doc = (Map<String, Object>) MonitoringFiles.load(file);
            for (Map<String, Object> test : (List<Map<String, Object>>) doc.get("tests")) {
                List<Map<String, Object>> series = (List<Map<String, Object>>) test.get("input_series");
                for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                    List<Map<String, Object>> expected = (List<Map<String, Object>>) check.get("exp_alerts");
                    if (expected == null || expected.isEmpty()) {
                        continue;
                    }
                    String alert = (String) check.get("alertname");
                    fired.add(alert);
                    // promtool compares the alert list exactly: any input series that none of the
                    // expected alerts is about is a near miss that must stay quiet
                    Set<String> expectedInstances = new HashSet<>();
                    for (Map<String, Object> e : expected) {
                        Map<String, Object> l = (Map<String, Object>) e.get("exp_labels");
                        expectedInstances.add(l.get("instance") + "/" + l.getOrDefault("groupname", "")
                                + "/" + l.getOrDefault("collector", ""));
                    }
                    boolean nearMiss = series.stream().map(s -> (String) s.get("series"))
                            .anyMatch(s -> expectedInstances.stream().noneMatch(k -> identifies(k, s)));
                    if (!nearMiss) {
                        withoutNearMiss.add(alert);
                    }
                }
                for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("promql_expr_test", List.of())) {
                    exprsTested.add((String) check.get("expr"));
                }
            }
        }
        for (Map<String, Object> rule : MonitoringFiles.rules()) {
            if (rule.containsKey("alert")) {
                assertThat(fired).as("alerts with a test where they fire").contains((String) rule.get("alert"));
            } else {
                assertThat(exprsTested).as("recording rules with an expression test").contains((String) rule.get("record"));
            }
        }
        assertThat(withoutNearMiss).as("alerts whose firing test has no series that must stay quiet").isEmpty();
    }

    /** Whether the series selector text is about the alert identified by instance/groupname/collector. */
    private static boolean identifies(String key, String series) {
        String[] k = key.split("/", -1);
        return series.contains("instance=\"" + k[0] + "\"")
                && (k[1].isEmpty() || series.contains("groupname=\"" + k[1] + "\""))
                && (k[2].isEmpty() || series.contains("collector=\"" + k[2] + "\""));
    }
}
