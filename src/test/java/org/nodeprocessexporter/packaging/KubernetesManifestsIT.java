package org.nodeprocessexporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nodeprocessexporter.packaging.Manifests.at;
import static org.nodeprocessexporter.packaging.Manifests.container;
import static org.nodeprocessexporter.packaging.Manifests.list;
import static org.nodeprocessexporter.packaging.Manifests.map;
import static org.nodeprocessexporter.packaging.Manifests.only;
import static org.nodeprocessexporter.packaging.Manifests.podSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes rendered (base, its components, the example overlay): every object valid
 * against the Kubernetes API schema, the objects consistent with each other, the DaemonSet with
 * the chart's settings and the systemd unit's capabilities, and the example's settings where they
 * belong. ContainerImageIT runs the rendered pod spec itself.
 */
class KubernetesManifestsIT {
    @Test
    void everyRenderedObjectIsValid(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("all"));
        Files.createDirectories(tmp.resolve("unprivileged"));
        for (List<Map<String, Object>> rendering : List.of(Manifests.render(Manifests.DEPLOY.resolve("base")),
                Manifests.render(Manifests.DEPLOY.resolve("example")),
                Manifests.renderBaseWith(tmp.resolve("all"), "servicemonitor", "unprivileged"))) {
            assertThat(rendering).isNotEmpty();
            for (Map<String, Object> object : rendering) {
                KubernetesSchema.validate(object);
            }
        }
    }

    @Test
    void theValidatorRejectsWhatTheApiWould() throws Exception {
        List<Map<String, Object>> base = Manifests.render(Manifests.DEPLOY.resolve("base"));
        Map<String, Object> daemonSet = only(base, "DaemonSet");
        map(container(daemonSet).get("securityContext")).put("readOnlyRootFileSystem", true); // a typo
        assertThatThrownBy(() -> KubernetesSchema.validate(daemonSet)).hasMessageContaining("readOnlyRootFileSystem");

        Map<String, Object> service = only(Manifests.render(Manifests.DEPLOY.resolve("base")), "Service");
        map(list(at(service, "spec", "ports")).get(0)).put("port", "nine-one-hundred");
        assertThatThrownBy(() -> KubernetesSchema.validate(service)).isNotNull();

        Map<String, Object> withoutSelector = only(Manifests.render(Manifests.DEPLOY.resolve("base")), "DaemonSet");
        map(withoutSelector.get("spec")).remove("selector");
        assertThatThrownBy(() -> KubernetesSchema.validate(withoutSelector)).hasMessageContaining("selector");

        Map<String, Object> monitor = only(Manifests.render(Manifests.DEPLOY.resolve("example")), "ServiceMonitor");
        map(list(at(monitor, "spec", "endpoints")).get(0)).put("scrapeTimout", "10s");
        assertThatThrownBy(() -> KubernetesSchema.validate(monitor)).hasMessageContaining("scrapeTimout");
    }

    @Test
    void theDaemonSetHasTheChartsSettingsAndTheUnitsCapabilities() throws Exception {
        List<Map<String, Object>> base = Manifests.render(Manifests.DEPLOY.resolve("base"));
        assertThat(base).extracting(o -> o.get("kind")).containsExactlyInAnyOrder("ServiceAccount", "Service", "DaemonSet");
        Map<String, Object> daemonSet = only(base, "DaemonSet");
        Map<String, Object> pod = podSpec(daemonSet);
        Map<String, Object> container = container(daemonSet);
        assertThat(pod).containsEntry("hostPID", true).containsEntry("hostNetwork", true)
                .containsEntry("automountServiceAccountToken", false);
        assertThat(list(pod.get("tolerations"))).containsExactly(Map.of("operator", "Exists"));
        assertThat(map(container.get("securityContext"))).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        // exactly the capabilities of the systemd unit, everything else dropped
        String unit = Files.readString(Path.of("packaging/node-process-exporter.service"));
        List<String> unitCapabilities = unit.lines().filter(l -> l.startsWith("AmbientCapabilities="))
                .flatMap(l -> List.of(l.substring(l.indexOf('=') + 1).split(" ")).stream())
                .map(c -> c.replaceFirst("^CAP_", "")).toList();
        assertThat(unitCapabilities).containsExactlyInAnyOrder("SYS_PTRACE", "DAC_READ_SEARCH");
        assertThat(list(at(container, "securityContext", "capabilities", "add")))
                .containsExactlyInAnyOrderElementsOf(unitCapabilities);
        assertThat(list(at(container, "securityContext", "capabilities", "drop"))).containsExactly("ALL");

        // the host's file systems read-only where the --path flags point
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object m : list(container.get("volumeMounts"))) {
            assertThat(map(m)).containsEntry("readOnly", true);
            String hostPath = (String) list(pod.get("volumes")).stream().map(Manifests::map)
                    .filter(v -> v.get("name").equals(map(m).get("name"))).findFirst().map(v -> at(v, "hostPath", "path"))
                    .orElseThrow();
            mounts.put(hostPath, (String) map(m).get("mountPath"));
        }
        assertThat(mounts).containsExactlyInAnyOrderEntriesOf(Map.of("/proc", "/host/proc", "/sys", "/host/sys", "/", "/host/root"));
        assertThat(list(container.get("args"))).contains("--path.procfs=/host/proc", "--path.sysfs=/host/sys",
                "--path.rootfs=/host/root", "--path.udev.data=/host/root/run/udev/data");

        // the image this build made (ContainerImageIT loads it under this name)
        assertThat(container.get("image")).isEqualTo("localhost/" + Packaging.IMAGE_NAME + ":" + Packaging.VERSION);
        assertThat(at(container, "resources", "limits", "memory")).isNotNull();
        assertThat(at(container, "resources", "requests", "memory")).isNotNull();
        assertThat(at(container, "livenessProbe", "httpGet", "port")).isEqualTo("metrics");
        assertThat(at(container, "readinessProbe", "httpGet", "port")).isEqualTo("metrics");
        consistent(base);
    }

    @Test
    void theExampleSetsWhatTheChartsValuesWould() throws Exception {
        List<Map<String, Object>> example = Manifests.render(Manifests.DEPLOY.resolve("example"));
        assertThat(example).extracting(o -> o.get("kind"))
                .containsExactlyInAnyOrder("ServiceAccount", "Service", "DaemonSet", "ServiceMonitor");
        assertThat(example).allSatisfy(o -> assertThat(at(o, "metadata", "namespace")).isEqualTo("monitoring"));
        Map<String, Object> container = container(only(example, "DaemonSet"));
        assertThat(list(container.get("args"))).contains("--web.listen-address=[$(HOST_IP)]:9101",
                "--no-collector.process_detail.netstat").doesNotContain("--web.listen-address=[$(HOST_IP)]:9100");
        assertThat(at(container, "ports", 0, "containerPort")).isEqualTo(9101);
        assertThat(at(only(example, "Service"), "spec", "ports", 0, "port")).isEqualTo(9101);
        assertThat(container.get("image")).isEqualTo("registry.example.com/node-process-exporter:" + Packaging.VERSION);
        assertThat(list(podSpec(only(example, "DaemonSet")).get("tolerations"))).hasSize(1);
        consistent(example);
    }

    /** The Service selects the DaemonSet's pods on a port they have, the ServiceMonitor that Service. */
    private static void consistent(List<Map<String, Object>> objects) {
        Map<String, Object> daemonSet = only(objects, "DaemonSet");
        Map<String, Object> service = only(objects, "Service");
        Map<String, Object> podLabels = map(at(daemonSet, "spec", "template", "metadata", "labels"));
        assertThat(podLabels).containsAllEntriesOf(map(at(service, "spec", "selector")));
        assertThat(podLabels).containsAllEntriesOf(map(at(daemonSet, "spec", "selector", "matchLabels")));
        Map<String, Object> port = map(list(at(service, "spec", "ports")).get(0));
        Map<String, Object> containerPort = map(list(container(daemonSet).get("ports")).get(0));
        assertThat(port.get("targetPort")).isEqualTo(containerPort.get("name"));
        assertThat(list(container(daemonSet).get("args"))).contains(
                "--web.listen-address=[$(HOST_IP)]:" + containerPort.get("containerPort"));
        assertThat(at(podSpec(daemonSet), "serviceAccountName"))
                .isEqualTo(at(only(objects, "ServiceAccount"), "metadata", "name"));
        objects.stream().filter(o -> "ServiceMonitor".equals(o.get("kind"))).forEach(monitor -> {
            assertThat(map(at(service, "metadata", "labels"))).containsAllEntriesOf(
                    map(at(monitor, "spec", "selector", "matchLabels")));
            assertThat(at(monitor, "spec", "endpoints", 0, "port")).isEqualTo(port.get("name"));
        });
    }
}
