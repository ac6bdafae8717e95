package org.nodeprocessexporter.collector.process;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The label sets a group's series carry every scrape, built once per group: on a host with
 * thousands of groups this saves tens of thousands of label objects per scrape. Arrays are in the
 * order of their label values, so that samples come out already sorted.
 */
final class GroupLabels {
    static final String[] MEMTYPES = {"proportionalResident", "proportionalSwapped", "resident", "swapped",
            "virtual"};
    static final int PSS = 0;
    static final int SWAP_PSS = 1;
    static final int RESIDENT = 2;
    static final int SWAPPED = 3;
    static final int VIRTUAL = 4;

    final Labels group;
    /** system, user. */
    final Labels[] cpu;
    /** nonvoluntary, voluntary. */
    final Labels[] ctx;
    final Labels[] memory;
    /** By {@link ThreadState} ordinal. */
    final Labels[] states;

    GroupLabels(String name) {
        group = Labels.of("groupname", name);
        cpu = new Labels[] {Labels.of("groupname", name, "mode", "system"), Labels.of("groupname", name, "mode", "user")};
        ctx = new Labels[] {Labels.of("groupname", name, "ctxswitchtype", "nonvoluntary"),
                Labels.of("groupname", name, "ctxswitchtype", "voluntary")};
        memory = new Labels[MEMTYPES.length];
        for (int i = 0; i < MEMTYPES.length; i++) {
            memory[i] = Labels.of("groupname", name, "memtype", MEMTYPES[i]);
        }
        states = new Labels[ThreadState.values().length];
        for (ThreadState s : ThreadState.values()) {
            states[s.ordinal()] = Labels.of("groupname", name, "state", s.label);
        }
    }
}
