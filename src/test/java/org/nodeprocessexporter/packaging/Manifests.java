package org.nodeprocessexporter.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** deploy/kubernetes rendered with kubectl's kustomize, as YAML maps. */
final class Manifests {
    static final Path DEPLOY = Path.of("deploy/kubernetes").toAbsolutePath();

    private Manifests() {
    }

    /** A kustomization directory rendered. */
    static List<Map<String, Object>> render(Path kustomization) throws Exception {
        String kubectl = Packaging.requireTool("kubectl", "kubectl (kubectl 1.32, with kustomize built in)");
        String yaml = Packaging.run(Duration.ofMinutes(1), List.of(kubectl, "kustomize", kustomization.toString()))
                .ok("kubectl kustomize " + kustomization).output();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (document != null) {
                out.add(map(document));
            }
        }
        return out;
    }

    /** The base with some of deploy/kubernetes/components, through an overlay written to {@code dir}. */
    static List<Map<String, Object>> renderBaseWith(Path dir, String... components) throws Exception {
        StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - " + dir.relativize(DEPLOY.resolve("base")) + "\n");
        if (components.length > 0) {
            k.append("components:\n");
            for (String c : components) {
                k.append("  - ").append(dir.relativize(DEPLOY.resolve("components").resolve(c))).append('\n');
            }
        }
        Files.writeString(dir.resolve("kustomization.yaml"), k.toString());
        return render(dir);
    }

    static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
        List<Map<String, Object>> of = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        if (of.size() != 1) {
            throw new AssertionError("expected one " + kind + ", rendered " + of.size());
        }
        return of.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** The value at a path of map keys and list indexes, e.g. ("spec", "template", "spec"). */
    static Object at(Object root, Object... path) {
        Object o = root;
        for (Object step : path) {
            if (o == null) {
                return null;
            }
            o = step instanceof Integer i ? list(o).get(i) : map(o).get(step);
        }
        return o;
    }

    static Map<String, Object> podSpec(Map<String, Object> daemonSet) {
        return map(at(daemonSet, "spec", "template", "spec"));
    }

    static Map<String, Object> container(Map<String, Object> daemonSet) {
        List<Object> containers = list(podSpec(daemonSet).get("containers"));
        if (containers.size() != 1) {
            throw new AssertionError("one container expected, got " + containers.size());
        }
        return map(containers.get(0));
    }
}
