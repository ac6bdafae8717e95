package org.nodeprocessexporter.collector.process;

import java.util.List;

/**
 * Rules naming processes into groups, as process-exporter's two ways give them: its YAML config
 * ({@link NamingConfig}) or its {@code -procnames}/{@code -namemapping} flags ({@link ProcnamesNaming}).
 */
interface NamingRules {
    /**
     * A group name, and whether the group can only ever hold one process (its name has the pid or
     * the start time in it): such a group is forgotten when its process exits, whatever the flags,
     * so that its series do not pile up.
     */
    record Named(String name, boolean perProcess) {
    }

    /** The group of a process, or null when no rule names it (it is not exported). */
    Named match(ProcessAttributes p);

    /** Whether naming looks at {@code /proc/<pid>/cgroup}. */
    boolean needsCgroups();

    /** Groups reported from the first scrape on, before any process joins them. */
    List<String> declaredGroups();
}
