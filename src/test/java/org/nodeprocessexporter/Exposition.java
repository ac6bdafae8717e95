package org.nodeprocessexporter;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nodeprocessexporter.textformat.ParsedFamily;
import org.nodeprocessexporter.textformat.TextFormatParser;

/** A scraped exposition, parsed for assertions: families with their types, and series values. */
public final class Exposition {
    public final Map<String, String> types = new TreeMap<>();
    public final Map<String, Double> series = new TreeMap<>();
    public final Map<String, java.util.Set<String>> labelNames = new TreeMap<>();
    private final Map<String, java.util.List<ParsedFamily.Sample>> samples = new TreeMap<>();

    public static Exposition parse(String text) throws Exception {
        Exposition e = new Exposition();
        for (ParsedFamily f : TextFormatParser.parse(text)) {
            e.types.put(f.name(), f.type());
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (ParsedFamily.Sample s : f.samples()) {
                e.series.put(key(s.name(), s.labels()), s.value());
                names.addAll(s.labels().keySet());
            }
            e.labelNames.put(f.name(), names);
            e.samples.put(f.name(), f.samples());
        }
        return e;
    }

    /** {@code name{a="x",b="y"}} with labels sorted, as a stable key. */
    public static String key(String name, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return name;
        }
        return name + new TreeMap<>(labels).entrySet().stream()
                .map(en -> en.getKey() + "=\"" + en.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** The samples of one family as parsed (empty when the family is absent). */
    public java.util.List<ParsedFamily.Sample> samples(String family) {
        return samples.getOrDefault(family, java.util.List.of());
    }

    public Double value(String key) {
        return series.get(key);
    }

    /** Series of one family: key -> value. */
    public Map<String, Double> family(String name) {
        Map<String, Double> out = new TreeMap<>();
        series.forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "{")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
