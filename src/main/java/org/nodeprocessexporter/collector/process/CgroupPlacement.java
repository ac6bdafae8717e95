package org.nodeprocessexporter.collector.process;

import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.procfs.ProcCgroup;

/**
 * Where a process lives, from its {@code /proc/<pid>/cgroup}: the labels of
 * {@code namedprocess_namegroup_cgroup_info}. Empty strings where a label does not apply.
 *
 * <p>The paths are looked at in this order: the cgroup v2 one, then v1's {@code name=systemd}
 * (where systemd tracks units on a v1 host), then the other v1 hierarchies in file order; each
 * label comes from the first path that has it, and {@code cgroup} is the first path other than
 * the root (a hybrid host's v2 path is {@code /} for processes a v1-only runtime placed).
 *
 * <ul>
 *   <li>{@code unit}: what {@code systemctl status <pid>} names, systemd's rule: the first path
 *       component after the leading slices that is a unit able to hold processes
 *       ({@code .service}, {@code .scope}, {@code .socket}, {@code .mount}, {@code .swap}), e.g.
 *       {@code nginx.service}, {@code session-3.scope}, {@code user@1000.service} for everything
 *       a user's manager runs, {@code docker-<id>.scope} for a container of docker's systemd
 *       driver.</li>
 *   <li>{@code container_id}: the deepest component that is a container's cgroup, 64 hex digits,
 *       bare (docker's and Kubernetes' cgroupfs driver: {@code /docker/<id>},
 *       {@code /kubepods/burstable/pod<uid>/<id>}) or as {@code docker-}, {@code cri-containerd-},
 *       {@code crio-}, {@code libpod-} ({@code <id>} or {@code <id>.scope}); a runtime's
 *       monitor ({@code libpod-conmon-<id>}, {@code crio-conmon-<id>}) lives outside its
 *       container and gets none.</li>
 *   <li>{@code pod_uid}: under a {@code kubepods} hierarchy, the pod's UID from
 *       {@code pod<uid>} (cgroupfs) or {@code kubepods-<qos>-pod<uid>.slice} (systemd, whose
 *       {@code _} stand for the UID's dashes), as kube-state-metrics' {@code uid} label has it.</li>
 * </ul>
 */
record CgroupPlacement(String cgroup, String unit, String containerId, String podUid) {
    static final CgroupPlacement UNKNOWN = new CgroupPlacement("", "", "", "");

    private static final String[] UNIT_SUFFIXES = {".service", ".scope", ".socket", ".mount", ".swap"};
    private static final String[] RUNTIME_PREFIXES = {"docker-", "cri-containerd-", "crio-", "libpod-"};

    static CgroupPlacement of(ProcCgroup c) {
        List<String> candidates = new ArrayList<>(c.paths().size() + 1);
        String unified = c.unified();
        if (unified != null) {
            candidates.add(unified);
        }
        String systemd = c.v1("name=systemd");
        if (systemd != null) {
            candidates.add(systemd);
        }
        for (int i = 0; i < c.paths().size(); i++) {
            if (c.hierarchies().get(i) != 0) {
                candidates.add(c.paths().get(i));
            }
        }
        if (candidates.isEmpty()) {
            return UNKNOWN;
        }
        String cgroup = candidates.get(0);
        for (String path : candidates) {
            if (!path.equals("/")) {
                cgroup = path;
                break;
            }
        }
        String unit = "";
        String containerId = "";
        String podUid = "";
        for (String path : candidates) {
            String[] components = components(path);
            if (unit.isEmpty()) {
                unit = unit(components);
            }
            if (containerId.isEmpty()) {
                containerId = containerId(components);
            }
            if (podUid.isEmpty()) {
                podUid = podUid(components);
            }
        }
        return new CgroupPlacement(cgroup, unit, containerId, podUid);
    }

    private static String[] components(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                out.add(part);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String unit(String[] components) {
        for (String c : components) {
            if (c.endsWith(".slice")) {
                continue;
            }
            for (String suffix : UNIT_SUFFIXES) {
                if (c.endsWith(suffix) && c.length() > suffix.length()) {
                    return c;
                }
            }
            return "";
        }
        return "";
    }

    private static String containerId(String[] components) {
        for (int i = components.length - 1; i >= 0; i--) {
            String c = components[i];
            if (c.endsWith(".scope")) {
                c = c.substring(0, c.length() - ".scope".length());
            }
            for (String prefix : RUNTIME_PREFIXES) {
                if (c.startsWith(prefix) && isContainerId(c.substring(prefix.length()))) {
                    return c.substring(prefix.length());
                }
            }
            if (isContainerId(c)) {
                return c;
            }
        }
        return "";
    }

    private static boolean isContainerId(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String podUid(String[] components) {
        boolean kubepods = false;
        String uid = "";
        for (String c : components) {
            kubepods |= c.startsWith("kubepods");
            if (!kubepods) {
                continue;
            }
            String candidate = null;
            if (c.startsWith("kubepods") && c.endsWith(".slice") && c.contains("-pod")) {
                candidate = c.substring(c.lastIndexOf("-pod") + 4, c.length() - ".slice".length()).replace('_', '-');
            } else if (c.startsWith("pod")) {
                candidate = c.substring(3);
            }
            if (candidate != null && isUid(candidate)) {
                uid = candidate;
            }
        }
        return uid;
    }

    /** A pod UID: a UUID, or the 32 hex digits of a static pod's hash. */
    private static boolean isUid(String s) {
        if (s.length() < 32 || s.length() > 36) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') || ch == '-')) {
                return false;
            }
        }
        return true;
    }
}
