package org.nodeprocessexporter.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parsed command line: every declared flag has a value (its default when not given), already
 * converted and validated, so that code after start-up never meets a bad flag value.
 */
public final class FlagValues {
    private final Map<String, Object> values;
    private final Set<String> given;

    FlagValues(Map<String, Object> values, Set<String> given) {
        // Not Map.copyOf: an empty regexp flag's value is null, which copyOf rejects.
        this.values = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(values));
        this.given = Set.copyOf(given);
    }

    /** Values for tests and embedding: each entry must already have its converted type. */
    public static FlagValues of(Map<String, Object> values, Set<String> given) {
        return new FlagValues(values, given);
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String string(String name) {
        return (String) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        return (List<String>) get(name);
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public Duration duration(String name) {
        return (Duration) get(name);
    }

    /** A regexp flag; {@code null} when its value is empty. */
    public Pattern regexp(String name) {
        return (Pattern) get(name);
    }

    /** Whether the flag (or one of its aliases) was on the command line. */
    public boolean isGiven(String name) {
        return given.contains(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    private Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("undeclared flag --" + name);
        }
        return values.get(name);
    }
}
