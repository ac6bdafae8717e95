package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small strict JSON reader for the test fixtures upstream's qdisc and wifi collectors read with
 * {@code --collector.*.fixtures} (Go's encoding/json of the libraries' structs). Objects become
 * maps whose keys are lower-cased, since Go matches field names without regard to case; numbers
 * become Long (or Double), strings String, arrays List. The files are small and read once a
 * scrape in tests only, so simplicity wins over speed. A syntax error throws IOException naming
 * the file and offset.
 */
final class FixtureJson {
    private final String text;
    private final Path file;
    private int pos;

    private FixtureJson(String text, Path file) {
        this.text = text;
        this.file = file;
    }

    static Object read(Path file) throws IOException {
        FixtureJson p = new FixtureJson(Files.readString(file, StandardCharsets.UTF_8), file);
        Object v = p.value();
        p.space();
        if (p.pos != p.text.length()) {
            throw p.error("trailing data");
        }
        return v;
    }

    /**
     * A number field of a decoded object as a long (0 when absent, as Go's zero value); an unsigned
     * value above Long.MAX_VALUE has the same bits.
     */
    static long number(Map<String, Object> o, String key) {
        Object v = o.get(key.toLowerCase(Locale.ROOT));
        return v instanceof Number n ? n.longValue() : 0;
    }

    static String string(Map<String, Object> o, String key) {
        Object v = o.get(key.toLowerCase(Locale.ROOT));
        return v instanceof String s ? s : "";
    }

    /** A []byte field (Go encodes it as base64), or null when absent. */
    static byte[] bytes(Map<String, Object> o, String key) throws IOException {
        Object v = o.get(key.toLowerCase(Locale.ROOT));
        if (!(v instanceof String s)) {
            return null;
        }
        try {
            return java.util.Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid base64 in " + key + ": " + s);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Object v, Path file) throws IOException {
        if (!(v instanceof List<?> l)) {
            throw new IOException(file + ": expected a JSON array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : l) {
            if (!(e instanceof Map)) {
                throw new IOException(file + ": expected an array of objects");
            }
            out.add((Map<String, Object>) e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v, Path file) throws IOException {
        if (!(v instanceof Map)) {
            throw new IOException(file + ": expected a JSON object");
        }
        return (Map<String, Object>) v;
    }

    private Object value() throws IOException {
        space();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() throws IOException {
        Map<String, Object> m = new TreeMap<>();
        pos++;
        space();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("expected a key");
            }
            String key = string().toLowerCase(Locale.ROOT);
            space();
            expect(':');
            m.put(key, value());
            space();
            char c = next();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private List<Object> array() throws IOException {
        List<Object> l = new ArrayList<>();
        pos++;
        space();
        if (peek() == ']') {
            pos++;
            return l;
        }
        while (true) {
            l.add(value());
            space();
            char c = next();
            if (c == ']') {
                return l;
            }
            if (c != ',') {
                throw error("expected , or ]");
            }
        }
    }

    private String string() throws IOException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("bad \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private Object number() throws IOException {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String s = text.substring(start, pos);
        try {
            if (s.contains(".") || s.contains("e") || s.contains("E")) {
                return Double.parseDouble(s);
            }
            // Go's uint64 fields go up to 2^64-1: kept as the long with the same bits
            return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad value");
        }
    }

    private Object literal(String word, Object v) throws IOException {
        if (!text.startsWith(word, pos)) {
            throw error("bad value");
        }
        pos += word.length();
        return v;
    }

    private void space() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() throws IOException {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() throws IOException {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            pos--;
            throw error("expected " + c);
        }
    }

    private IOException error(String what) {
        return new IOException(file + ": invalid JSON at offset " + pos + ": " + what);
    }
}
