package org.nodeprocessexporter.cli;

import java.util.List;

/**
 * One command-line flag, declared the way node_exporter's kingpin flags are: a long name without
 * the dashes, a kind, a default as text and a help line. Booleans also accept {@code --no-name}.
 *
 * @param name         long name without leading dashes, e.g. {@code web.listen-address}
 * @param kind         how the value is parsed
 * @param defaultValue default as text ({@code ""} for none); for booleans "true" or "false"
 * @param help         the help line
 * @param placeholder  what {@code --help} shows for the value, e.g. {@code ADDRESS}
 * @param aliases      deprecated names still accepted with a warning
 */
public record Flag(String name, Kind kind, String defaultValue, String help, String placeholder,
                   List<String> aliases) {

    public enum Kind { BOOL, STRING, STRINGS, INT, DURATION, REGEXP }

    public Flag {
        aliases = List.copyOf(aliases);
    }

    public static Flag bool(String name, boolean defaultValue, String help) {
        return new Flag(name, Kind.BOOL, Boolean.toString(defaultValue), help, "", List.of());
    }

    public static Flag string(String name, String defaultValue, String help) {
        return new Flag(name, Kind.STRING, defaultValue, help, "", List.of());
    }

    /** A repeatable flag; {@code defaultValue} is the single default element, or "" for none. */
    public static Flag strings(String name, String defaultValue, String help) {
        return new Flag(name, Kind.STRINGS, defaultValue, help, "", List.of());
    }

    public static Flag integer(String name, int defaultValue, String help) {
        return new Flag(name, Kind.INT, Integer.toString(defaultValue), help, "", List.of());
    }

    /** A Go-style duration such as {@code 5s} or {@code 1m30s}. */
    public static Flag duration(String name, String defaultValue, String help) {
        return new Flag(name, Kind.DURATION, defaultValue, help, "", List.of());
    }

    /** A string that must compile as a regular expression; the error names the flag. */
    public static Flag regexp(String name, String defaultValue, String help) {
        return new Flag(name, Kind.REGEXP, defaultValue, help, "", List.of());
    }

    public Flag withPlaceholder(String value) {
        return new Flag(name, kind, defaultValue, help, value, aliases);
    }

    /** Deprecated names that still work, each with a warning at start-up. */
    public Flag withAliases(String... names) {
        return new Flag(name, kind, defaultValue, help, placeholder, List.of(names));
    }
}
