package org.nodeprocessexporter.collector.process;

/** The {@code state} label values of {@code namedprocess_namegroup_states}, from a thread's state letter. */
enum ThreadState {
    // in the order of their labels, so that samples come out sorted
    OTHER("Other"), RUNNING("Running"), SLEEPING("Sleeping"), WAITING("Waiting"), ZOMBIE("Zombie");

    final String label;

    ThreadState(String label) {
        this.label = label;
    }

    static ThreadState of(char state) {
        return switch (state) {
            case 'R' -> RUNNING;
            case 'S' -> SLEEPING;
            case 'D' -> WAITING;
            case 'Z' -> ZOMBIE;
            default -> OTHER;
        };
    }
}
