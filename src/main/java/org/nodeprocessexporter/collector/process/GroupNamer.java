package org.nodeprocessexporter.collector.process;

/**
 * Names a process into a group, once, when it is first seen. Without a configuration every
 * process is its own group, {@code <comm>_<pid>}; with one, the first matching process-exporter
 * rule names it and unmatched processes are not exported.
 */
final class GroupNamer {
    private final NamingConfig config;
    private final UserNames users;

    GroupNamer(NamingConfig config, UserNames users) {
        this.config = config;
        this.users = users;
    }

    /** Called once per scrape. */
    void refresh() {
        users.refresh();
    }

    UserNames users() {
        return users;
    }

    boolean needsCmdline() {
        return config != null;
    }

    boolean needsCgroups() {
        return config != null && config.needsCgroups();
    }

    /** The group name, or null when the process is not exported. */
    String name(ProcessAttributes p) {
        if (config == null) {
            return p.comm() + "_" + p.pid();
        }
        return config.name(p);
    }
}
