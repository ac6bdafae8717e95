package org.nodeprocessexporter.textformat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One metric family as read from the Prometheus text format, before it becomes a snapshot. */
public final class ParsedFamily {
    /** One sample line: its full name (with a {@code _sum}/{@code _bucket} suffix), labels and value. */
    public record Sample(String name, Map<String, String> labels, double value, boolean hasTimestamp) {
    }

    private final String name;
    private String type = "untyped";
    private String help;
    private final List<Sample> samples = new ArrayList<>();

    ParsedFamily(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** counter, gauge, summary, histogram or untyped. */
    public String type() {
        return type;
    }

    /** The HELP text, or null when the input had none. */
    public String help() {
        return help;
    }

    public List<Sample> samples() {
        return samples;
    }

    void type(String value) {
        this.type = value;
    }

    void help(String value) {
        this.help = value;
    }
}
