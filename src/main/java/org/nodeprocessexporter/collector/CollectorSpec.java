package org.nodeprocessexporter.collector;

import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.cli.Flag;

/**
 * What the command line and the registry need to know about a collector before it exists: its
 * name, whether node_exporter enables it by default, its own flags, and how to build it from the
 * parsed flags. Each collector class declares one as {@code public static final CollectorSpec SPEC}.
 */
public record CollectorSpec(String name, boolean enabledByDefault, List<Flag> flags, Factory factory) {

    /** Builds the collector once at start-up; throws {@link org.nodeprocessexporter.cli.UsageException}
     *  for invalid flag combinations so start-up stops with that message. */
    @FunctionalInterface
    public interface Factory {
        Collector create(CollectorContext context) throws Exception;
    }

    public CollectorSpec {
        flags = List.copyOf(flags);
    }

    public static CollectorSpec of(String name, boolean enabledByDefault, Factory factory, Flag... flags) {
        return new CollectorSpec(name, enabledByDefault, List.of(flags), factory);
    }

    /** The {@code --collector.NAME} flag itself. */
    public Flag enableFlag() {
        return Flag.bool("collector." + name, enabledByDefault,
                "Enable the " + name + " collector (default: " + (enabledByDefault ? "enabled" : "disabled") + ").");
    }

    public List<Flag> allFlags() {
        List<Flag> all = new ArrayList<>();
        all.add(enableFlag());
        all.addAll(flags);
        return all;
    }
}
