package org.nodeprocessexporter.procfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/<pid>/cgroup}: one line per hierarchy, {@code hierarchy-ID:controller-list:path}
 * (cgroups(7)). cgroup v2 is the line {@code 0::/path}; a cgroup v1 or hybrid host adds one line
 * per v1 hierarchy ({@code 4:memory:/path}, {@code 1:name=systemd:/path}). The path is everything
 * after the second colon, so it may hold colons; the kernel appends {@code " (deleted)"} to the v2
 * path of a process whose cgroup was removed (a zombie), which is left out here.
 *
 * @param hierarchies each line's hierarchy ID, in file order
 * @param controllers each line's controller list ({@code ""} for v2, {@code "name=systemd"}, ...)
 * @param paths       each line's path
 */
public record ProcCgroup(List<Integer> hierarchies, List<String> controllers, List<String> paths) {
    private static final String DELETED = " (deleted)";

    /** The cgroup v2 path, or null on a host without the unified hierarchy. */
    public String unified() {
        for (int i = 0; i < paths.size(); i++) {
            if (hierarchies.get(i) == 0 && controllers.get(i).isEmpty()) {
                return paths.get(i);
            }
        }
        return null;
    }

    /** The path of the v1 hierarchy with {@code controller} (e.g. {@code name=systemd}, {@code memory}), or null. */
    public String v1(String controller) {
        for (int i = 0; i < paths.size(); i++) {
            if (hierarchies.get(i) != 0) {
                for (String c : controllers.get(i).split(",")) {
                    if (c.equals(controller)) {
                        return paths.get(i);
                    }
                }
            }
        }
        return null;
    }

    /** Parses the file; null when a line is not {@code id:controllers:path}. */
    public static ProcCgroup parse(byte[] b, int len) {
        List<Integer> ids = new ArrayList<>(2);
        List<String> controllers = new ArrayList<>(2);
        List<String> paths = new ArrayList<>(2);
        int start = 0;
        while (start < len) {
            int end = start;
            while (end < len && b[end] != '\n') {
                end++;
            }
            if (end > start) {
                int first = indexOf(b, start, end, ':');
                int second = first < 0 ? -1 : indexOf(b, first + 1, end, ':');
                if (second < 0 || first == start) {
                    return null;
                }
                int id = 0;
                for (int i = start; i < first; i++) {
                    if (b[i] < '0' || b[i] > '9' || id > 100_000_000) {
                        return null;
                    }
                    id = id * 10 + (b[i] - '0');
                }
                String path = new String(b, second + 1, end - second - 1, StandardCharsets.UTF_8);
                if (path.endsWith(DELETED)) {
                    path = path.substring(0, path.length() - DELETED.length());
                }
                ids.add(id);
                controllers.add(new String(b, first + 1, second - first - 1, StandardCharsets.UTF_8));
                paths.add(path);
            }
            start = end + 1;
        }
        return new ProcCgroup(List.copyOf(ids), List.copyOf(controllers), List.copyOf(paths));
    }

    private static int indexOf(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
