package org.nodeprocessexporter.textformat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of the Prometheus text exposition format 0.0.4, for the textfile collector: strict
 * enough that a broken file is rejected whole (with the line number), as node_exporter rejects it.
 */
public final class TextFormatParser {
    private final Map<String, ParsedFamily> families = new LinkedHashMap<>();
    private int lineNumber;

    /** Parses a whole file; throws with the line number for the first malformed line. */
    public static List<ParsedFamily> parse(String text) throws TextFormatException {
        TextFormatParser p = new TextFormatParser();
        for (String line : text.split("\n", -1)) {
            p.lineNumber++;
            p.line(line);
        }
        return List.copyOf(p.families.values());
    }

    private void line(String raw) throws TextFormatException {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (trimmed.startsWith("#")) {
            comment(trimmed);
            return;
        }
        sample(trimmed);
    }

    private void comment(String line) throws TextFormatException {
        String[] parts = line.substring(1).strip().split("[ \t]+", 3);
        if (parts.length < 2 || !(parts[0].equals("HELP") || parts[0].equals("TYPE"))) {
            return;
        }
        String name = parts[1];
        requireMetricName(name);
        ParsedFamily f = families.computeIfAbsent(name, ParsedFamily::new);
        String rest = parts.length > 2 ? parts[2] : "";
        if (parts[0].equals("HELP")) {
            if (f.help() != null) {
                throw error("second HELP line for metric name \"" + name + "\"");
            }
            f.help(unescapeHelp(rest));
        } else {
            if (!f.samples().isEmpty()) {
                throw error("TYPE line for " + name + " after its samples");
            }
            switch (rest.strip()) {
                case "counter", "gauge", "summary", "histogram", "untyped" -> f.type(rest.strip());
                default -> throw error("unknown metric type \"" + rest.strip() + "\"");
            }
        }
    }

    private void sample(String line) throws TextFormatException {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw error("invalid metric name");
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).strip().split("[ \t]+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            throw error("expected float as value");
        }
        double value = parseValue(rest[0]);
        boolean timestamp = false;
        if (rest.length > 1) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw error("expected integer as timestamp, got \"" + rest[1] + "\"");
            }
            timestamp = true;
        }
        if (rest.length > 2) {
            throw error("spurious string after timestamp");
        }
        ParsedFamily f = familyOf(name);
        f.samples().add(new ParsedFamily.Sample(name, labels, value, timestamp));
    }

    private ParsedFamily familyOf(String sampleName) {
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (sampleName.endsWith(suffix)) {
                ParsedFamily f = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (f != null && (f.type().equals("histogram") || f.type().equals("summary"))
                        && !(suffix.equals("_bucket") && f.type().equals("summary"))) {
                    return f;
                }
            }
        }
        return families.computeIfAbsent(sampleName, ParsedFamily::new);
    }

    private int labels(String line, int start, Map<String, String> labels) throws TextFormatException {
        int i = start;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int nameStart = i;
            while (i < line.length() && isLabelChar(line.charAt(i), i == nameStart)) {
                i++;
            }
            if (i == nameStart) {
                throw error("invalid label name");
            }
            String label = line.substring(nameStart, i);
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i + 1 >= line.length() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                throw error("expected '=\"' after label name \"" + label + "\"");
            }
            i += 2;
            StringBuilder value = new StringBuilder();
            boolean closed = false;
            while (i < line.length()) {
                char c = line.charAt(i++);
                if (c == '\\' && i < line.length()) {
                    char n = line.charAt(i++);
                    switch (n) {
                        case 'n' -> value.append('\n');
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        default -> throw error("invalid escape sequence '\\" + n + "'");
                    }
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    value.append(c);
                }
            }
            if (!closed) {
                throw error("unterminated label value");
            }
            if (labels.put(label, value.toString()) != null) {
                throw error("duplicate label name \"" + label + "\"");
            }
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                throw error("unexpected end of label set");
            }
        }
    }

    private double parseValue(String text) throws TextFormatException {
        switch (text) {
            case "+Inf", "Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw error("expected float as value, got \"" + text + "\"");
                }
            }
        }
    }

    private static String unescapeHelp(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private void requireMetricName(String name) throws TextFormatException {
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i), i == 0)) {
                throw error("invalid metric name \"" + name + "\"");
            }
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }

    private static boolean isLabelChar(char c, boolean first) {
        return c != ':' && isNameChar(c, first);
    }

    private TextFormatException error(String message) {
        return new TextFormatException("text format parsing error in line " + lineNumber + ": " + message);
    }
}
