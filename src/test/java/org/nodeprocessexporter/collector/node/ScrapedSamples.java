package org.nodeprocessexporter.collector.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads samples back out of the text a collector test scraped. */
final class ScrapedSamples {
    private ScrapedSamples() {
    }

    /** Series (name with labels, as written) to value, in exposition order. */
    static Map<String, Double> of(String exposition) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    static double value(String exposition, String series) {
        Double v = of(exposition).get(series);
        if (v == null) {
            throw new AssertionError("no series " + series + " in:\n" + exposition);
        }
        return v;
    }

    /** The lines (samples and comments) of the families whose name starts with {@code prefix}. */
    static String lines(String exposition, String prefix) {
        List<String> out = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            String body = line.startsWith("# HELP ") || line.startsWith("# TYPE ") ? line.substring(7) : line;
            if (body.startsWith(prefix)) {
                out.add(line);
            }
        }
        return String.join("\n", out) + "\n";
    }
}
