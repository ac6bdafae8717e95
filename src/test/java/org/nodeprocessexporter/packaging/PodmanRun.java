package org.nodeprocessexporter.packaging;

import static org.nodeprocessexporter.packaging.Manifests.at;
import static org.nodeprocessexporter.packaging.Manifests.container;
import static org.nodeprocessexporter.packaging.Manifests.list;
import static org.nodeprocessexporter.packaging.Manifests.map;
import static org.nodeprocessexporter.packaging.Manifests.podSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code podman run} arguments that reproduce a rendered DaemonSet's pod on this machine, as
 * the kubelet and containerd would set the container up: host namespaces (with the host's network
 * the kubelet also gives the host's UTS namespace), user and groups, capabilities, no privilege
 * escalation, a read-only root without the tmpfs podman would add, the hostPath mounts with their
 * read-only flag and propagation, the environment, $(VAR) in the arguments, and the limits. A pod
 * spec field this class does not reproduce fails the test, unless it is listed as meaning nothing
 * on one node.
 */
final class PodmanRun {
    /** Scheduling, rollout and API-access fields: nothing to reproduce for one container on one host. */
    private static final Set<String> POD_FIELDS_WITHOUT_EFFECT_HERE = Set.of("serviceAccountName",
            "automountServiceAccountToken", "nodeSelector", "tolerations", "hostIPC");
    private static final Set<String> POD_FIELDS = Set.of("hostNetwork", "hostPID", "securityContext", "containers",
            "volumes");
    /** The probes are requested by the test itself; the image is loaded under the name the spec uses. */
    private static final Set<String> CONTAINER_FIELDS = Set.of("name", "image", "imagePullPolicy", "args", "env",
            "securityContext", "ports", "livenessProbe", "readinessProbe", "resources", "volumeMounts");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    final List<String> arguments = new ArrayList<>();
    final String image;
    final List<String> args = new ArrayList<>();
    final int uid;

    private PodmanRun(Map<String, Object> daemonSet) {
        Map<String, Object> pod = podSpec(daemonSet);
        Map<String, Object> container = container(daemonSet);
        for (String field : pod.keySet()) {
            if (!POD_FIELDS.contains(field) && !POD_FIELDS_WITHOUT_EFFECT_HERE.contains(field)) {
                throw new AssertionError("the container test does not reproduce the pod's " + field);
            }
        }
        for (String field : container.keySet()) {
            if (!CONTAINER_FIELDS.contains(field)) {
                throw new AssertionError("the container test does not reproduce the container's " + field);
            }
        }
        image = (String) container.get("image");
        if (Boolean.TRUE.equals(pod.get("hostNetwork"))) {
            arguments.addAll(List.of("--network=host", "--uts=host"));
        }
        if (Boolean.TRUE.equals(pod.get("hostPID"))) {
            arguments.add("--pid=host");
        }

        Map<String, Object> security = new LinkedHashMap<>(map(pod.getOrDefault("securityContext", Map.of())));
        Map<String, Object> containerSecurity = map(container.getOrDefault("securityContext", Map.of()));
        security.putAll(containerSecurity);
        uid = (Integer) security.getOrDefault("runAsUser", 0);
        if (Boolean.TRUE.equals(security.get("runAsNonRoot")) && uid == 0) {
            throw new AssertionError("runAsNonRoot with uid 0: the kubelet would not start it");
        }
        arguments.add("--user=" + uid + ":" + security.getOrDefault("runAsGroup", 0));
        if (security.containsKey("fsGroup")) {
            arguments.add("--group-add=" + security.get("fsGroup"));
        }
        if (Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
            arguments.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        if (Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
            arguments.add("--security-opt=no-new-privileges");
        }
        for (Object cap : list(at(containerSecurity, "capabilities", "drop"))) {
            arguments.add("--cap-drop=" + cap);
        }
        for (Object cap : list(at(containerSecurity, "capabilities", "add"))) {
            arguments.add("--cap-add=" + cap);
        }
        for (String field : security.keySet()) {
            if (!Set.of("runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "readOnlyRootFilesystem",
                    "allowPrivilegeEscalation", "capabilities").contains(field)) {
                throw new AssertionError("the container test does not reproduce securityContext." + field);
            }
        }

        Map<String, String> hostPaths = new LinkedHashMap<>();
        for (Object v : list(pod.get("volumes"))) {
            Object path = at(v, "hostPath", "path");
            if (path == null || map(v).size() != 2) {
                throw new AssertionError("the container test reproduces hostPath volumes only: " + v);
            }
            hostPaths.put((String) map(v).get("name"), (String) path);
        }
        for (Object m : list(container.get("volumeMounts"))) {
            Map<String, Object> mount = map(m);
            List<String> options = new ArrayList<>(List.of("rbind"));
            options.add(Boolean.TRUE.equals(mount.get("readOnly")) ? "ro" : "rw");
            String propagation = (String) mount.getOrDefault("mountPropagation", "None");
            options.add(switch (propagation) {
                case "None" -> "rprivate";
                case "HostToContainer" -> "rslave";
                case "Bidirectional" -> "rshared";
                default -> throw new AssertionError("mountPropagation " + propagation);
            });
            arguments.add("--volume=" + hostPaths.get(mount.get("name")) + ":" + mount.get("mountPath") + ":"
                    + String.join(",", options));
        }

        Map<String, String> env = new LinkedHashMap<>();
        for (Object e : list(container.get("env"))) {
            if (!map(e).containsKey("value")) {
                throw new AssertionError("the container test reproduces env values only: " + e);
            }
            env.put((String) map(e).get("name"), String.valueOf(map(e).get("value")));
            arguments.add("--env=" + map(e).get("name") + "=" + map(e).get("value"));
        }
        for (Object a : list(container.get("args"))) {
            args.add(expand((String) a, env));
        }

        Object memory = at(container, "resources", "limits", "memory");
        if (memory != null) {
            arguments.add("--memory=" + bytes((String) memory));
        }
        Object cpu = at(container, "resources", "limits", "cpu");
        if (cpu != null) {
            String c = String.valueOf(cpu);
            arguments.add("--cpus=" + (c.endsWith("m") ? Double.parseDouble(c.substring(0, c.length() - 1)) / 1000 : c));
        }
    }

    static PodmanRun of(Map<String, Object> daemonSet) {
        return new PodmanRun(daemonSet);
    }

    /** The kubelet's $(VAR) expansion in args: a defined variable is replaced, $$ escapes. */
    private static String expand(String arg, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    /** A Kubernetes quantity of bytes (Mi, Gi, M, plain) in bytes. */
    static long bytes(String quantity) {
        Map<String, Long> units = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "k", 1000L, "M", 1000_000L,
                "G", 1000_000_000L);
        for (var u : units.entrySet()) {
            if (quantity.endsWith(u.getKey())) {
                return Long.parseLong(quantity.substring(0, quantity.length() - u.getKey().length())) * u.getValue();
            }
        }
        return Long.parseLong(quantity);
    }
}
