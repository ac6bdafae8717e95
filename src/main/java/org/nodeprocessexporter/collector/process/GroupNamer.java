package org.nodeprocessexporter.collector.process;

import java.util.List;

/**
 * Names a process into a group, once, when it is first seen (and again each scrape while no rule
 * names it, with {@code recheck}). Without rules every process is its own group,
 * {@code <comm>_<pid>}; with rules (a config file or {@code procnames}), the first matching rule
 * names it and unmatched processes are not exported.
 */
final class GroupNamer {
    private final NamingRules rules;
    private final UserNames users;

    GroupNamer(NamingRules rules, UserNames users) {
        this.rules = rules;
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
        return rules != null;
    }

    boolean needsCgroups() {
        return rules != null && rules.needsCgroups();
    }

    List<String> declaredGroups() {
        return rules == null ? List.of() : rules.declaredGroups();
    }

    /** The group, or null when the process is not exported. */
    NamingRules.Named name(ProcessAttributes p) {
        if (rules == null) {
            return new NamingRules.Named(p.comm() + "_" + p.pid(), true);
        }
        return rules.match(p);
    }
}
