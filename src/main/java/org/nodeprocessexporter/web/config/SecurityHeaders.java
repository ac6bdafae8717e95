package org.nodeprocessexporter.web.config;

import org.nodeprocessexporter.config.YamlNodes;
import com.sun.net.httpserver.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * http_server_config.headers. Only the headers exporter-toolkit allows can be set, and the two
 * with well-defined values are checked, so configurations stay consistent across the
 * Prometheus ecosystem. A blank value means "unset".
 */
final class SecurityHeaders {
    /** Header name to its allowed values; an empty list means any value. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "Strict-Transport-Security", List.of(),
            "X-Content-Type-Options", List.of("nosniff"),
            "X-Frame-Options", List.of("deny", "sameorigin"),
            "X-XSS-Protection", List.of(),
            "Content-Security-Policy", List.of());

    private SecurityHeaders() {
    }

    static Map<String, String> validate(YamlNodes<WebConfigException> yaml, Map<String, NodeTuple> entries) throws WebConfigException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            List<String> values = ALLOWED.get(e.getKey());
            if (values == null) {
                throw yaml.error(e.getValue().getKeyNode(), "HTTP header \"" + e.getKey() + "\" can not be configured;"
                        + " allowed: " + String.join(", ", ALLOWED.keySet().stream().sorted().toList()));
            }
            String value = yaml.string(e.getValue().getValueNode(), e.getKey());
            if (!values.isEmpty() && !values.contains(value)) {
                throw yaml.error(e.getValue().getValueNode(), "invalid value for " + e.getKey()
                        + ". Expected one of: " + values + ", but got: \"" + value + "\"");
            }
            if (!value.isBlank()) {
                headers.put(e.getKey(), value);
            }
        }
        return Map.copyOf(headers);
    }

    static void apply(Map<String, String> headers, Headers response) {
        headers.forEach(response::set);
    }
}
