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
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The test fixtures upstream's qdisc and wifi collectors read with {@code --collector.*.fixtures}
 * (Go's encoding/json of the libraries' structs), read with the YAML 1.2 loader: JSON is YAML 1.2
 * flow syntax, except that JSON allows tabs as white space, which YAML does not; a tab can stand
 * in valid JSON only as white space (inside a string it must be escaped), so tabs become spaces
 * first. Object keys are lower-cased, since Go matches field names without regard to case;
 * numbers become Integer, Long or BigInteger, strings String, arrays List. A syntax error throws
 * IOException naming the file and where.
 */
final class FixtureJson {
    private FixtureJson() {
    }

    static Object read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace('\t', ' ');
        try {
            return lowerKeys(new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text));
        } catch (YamlEngineException e) {
            throw new IOException(file + ": invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Object lowerKeys(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, e) -> out.put(String.valueOf(k).toLowerCase(Locale.ROOT), lowerKeys(e)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(lowerKeys(e)));
            return out;
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
}
