package org.nodeprocessexporter.collector.process;

import java.util.List;

/**
 * What naming can look at, read once when a process is first seen: process-exporter's
 * {@code ProcAttributes}.
 *
 * @param pid       process id
 * @param comm      name from {@code stat}
 * @param cmdline   arguments from {@code cmdline}; empty for kernel threads and zombies
 * @param username  effective user's name, or the uid as text
 * @param startTime start time, Unix seconds
 * @param cgroups   cgroup paths from {@code /proc/<pid>/cgroup}; read only if a template needs them
 */
public record ProcessAttributes(int pid, String comm, List<String> cmdline, String username, double startTime,
                                List<String> cgroups) {

    /** {@code cmdline[0]}, or comm when there is no cmdline, as process-exporter has it. */
    public String exeFull() {
        return cmdline.isEmpty() ? comm : cmdline.get(0);
    }

    public String exeBase() {
        String full = exeFull();
        String trimmed = full;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        if (trimmed.equals("/")) {
            return "/";
        }
        return slash < 0 ? (trimmed.isEmpty() ? "." : trimmed) : trimmed.substring(slash + 1);
    }
}
