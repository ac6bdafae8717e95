package org.nodeprocessexporter.collector.process;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The subset of Go's text/template that process-exporter's name templates use: literal text and
 * the fields {@code {{.Comm}} {{.ExeBase}} {{.ExeFull}} {{.Username}} {{.PID}} {{.StartTime}}
 * {{.Cgroups}} {{.Matches.NAME}}}. Anything else (pipelines, functions, if/range, other fields)
 * is refused when the configuration is loaded, rather than rendered wrongly for every process.
 */
public final class NameTemplate {
    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z zzz", Locale.ROOT);

    private enum Kind { TEXT, COMM, EXE_BASE, EXE_FULL, USERNAME, PID, START_TIME, CGROUPS, MATCH }

    private record Part(Kind kind, String text) {
    }

    private final List<Part> parts;
    private final boolean needsCgroups;
    private final boolean perProcess;

    private NameTemplate(List<Part> parts) {
        this.parts = List.copyOf(parts);
        this.needsCgroups = parts.stream().anyMatch(p -> p.kind == Kind.CGROUPS);
        this.perProcess = parts.stream().anyMatch(p -> p.kind == Kind.PID || p.kind == Kind.START_TIME);
    }

    /** Parses a template; the exception's message names the construct that is not supported. */
    public static NameTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                parts.add(new Part(Kind.TEXT, template.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Part(Kind.TEXT, template.substring(i, open)));
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed action \"" + template.substring(open) + "\"");
            }
            String action = template.substring(open + 2, close);
            String field = action.strip();
            if (field.startsWith("-")) {
                field = field.substring(1).strip();
            }
            if (field.endsWith("-")) {
                field = field.substring(0, field.length() - 1).strip();
            }
            parts.add(field(field, "{{" + action + "}}"));
            i = close + 2;
        }
        return new NameTemplate(parts);
    }

    private static Part field(String field, String construct) {
        switch (field) {
            case ".Comm":
                return new Part(Kind.COMM, null);
            case ".ExeBase":
                return new Part(Kind.EXE_BASE, null);
            case ".ExeFull":
                return new Part(Kind.EXE_FULL, null);
            case ".Username":
                return new Part(Kind.USERNAME, null);
            case ".PID":
                return new Part(Kind.PID, null);
            case ".StartTime":
                return new Part(Kind.START_TIME, null);
            case ".Cgroups":
                return new Part(Kind.CGROUPS, null);
            default:
                if (field.startsWith(".Matches.") && field.length() > ".Matches.".length()
                        && field.substring(".Matches.".length()).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    return new Part(Kind.MATCH, field.substring(".Matches.".length()));
                }
                throw new IllegalArgumentException("unsupported template construct " + construct
                        + " (supported: {{.Comm}} {{.ExeBase}} {{.ExeFull}} {{.Username}} {{.PID}} {{.StartTime}}"
                        + " {{.Cgroups}} {{.Matches.NAME}})");
        }
    }

    public boolean needsCgroups() {
        return needsCgroups;
    }

    /** Whether every name it renders belongs to one process only: it has {@code {{.PID}}} or {@code {{.StartTime}}}. */
    public boolean perProcess() {
        return perProcess;
    }

    /** The name, when the template is literal text only (it names every process the same); else null. */
    public String literal() {
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            if (part.kind != Kind.TEXT) {
                return null;
            }
            sb.append(part.text);
        }
        return sb.toString();
    }

    /** Renders the name; a {@code Matches} key the regexps did not capture renders as Go does. */
    public String render(ProcessAttributes p, Map<String, String> matches) {
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            switch (part.kind) {
                case TEXT -> sb.append(part.text);
                case COMM -> sb.append(p.comm());
                case EXE_BASE -> sb.append(p.exeBase());
                case EXE_FULL -> sb.append(p.exeFull());
                case USERNAME -> sb.append(p.username());
                case PID -> sb.append(p.pid());
                case START_TIME -> sb.append(goTime(p.startTime()));
                case CGROUPS -> sb.append('[').append(String.join(" ", p.cgroups())).append(']');
                case MATCH -> sb.append(matches.getOrDefault(part.text, "<no value>"));
                default -> throw new IllegalStateException();
            }
        }
        return sb.toString();
    }

    /** Go's default time.Time format, e.g. {@code 2024-05-01 10:00:00.12 +0000 UTC}. */
    private static String goTime(double unixSeconds) {
        long seconds = (long) Math.floor(unixSeconds);
        long nanos = Math.round((unixSeconds - seconds) * 1e9);
        ZonedDateTime t = Instant.ofEpochSecond(seconds, nanos).atZone(ZoneId.systemDefault());
        String s = GO_TIME.format(t);
        // Go trims trailing zeros of the fraction, and the dot with them
        int dot = s.indexOf('.');
        int space = s.indexOf(' ', dot);
        String fraction = s.substring(dot + 1, space).replaceAll("0+$", "");
        return s.substring(0, dot) + (fraction.isEmpty() ? "" : "." + fraction) + s.substring(space);
    }
}
