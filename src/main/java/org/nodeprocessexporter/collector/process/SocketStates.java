package org.nodeprocessexporter.collector.process;

import java.util.BitSet;
import java.util.Locale;

/** The kernel's socket states of {@code include/net/tcp_states.h}, by number and by name. */
final class SocketStates {
    private static final String[] NAMES = {null, "established", "syn_sent", "syn_recv", "fin_wait1", "fin_wait2",
            "time_wait", "close", "close_wait", "last_ack", "listen", "closing", "new_syn_recv", "bound_inactive"};

    private SocketStates() {
    }

    /** Lower-case name of a state number, e.g. {@code listen} for 10; {@code unknown} outside 1..13. */
    static String name(int state) {
        return state > 0 && state < NAMES.length ? NAMES[state] : "unknown";
    }

    /**
     * A comma-separated list of state names (any case, {@code -} or {@code _}) or numbers; empty means all.
     * Throws with the offending entry.
     */
    static BitSet parse(String list) {
        BitSet states = new BitSet();
        if (list.isBlank()) {
            states.set(1, NAMES.length);
            return states;
        }
        for (String raw : list.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT).replace('-', '_');
            int found = -1;
            for (int i = 1; i < NAMES.length; i++) {
                if (NAMES[i].equals(entry) || Integer.toString(i).equals(entry)) {
                    found = i;
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException("unknown socket state \"" + raw.strip() + "\" (one of "
                        + String.join(", ", java.util.Arrays.copyOfRange(NAMES, 1, NAMES.length)) + ")");
            }
            states.set(found);
        }
        return states;
    }
}
