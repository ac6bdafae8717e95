package org.nodeprocessexporter.textformat;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Families from several text files merged by name, as node_exporter's textfile collector merges
 * them: series of one family may come from several files (the first of equal series wins), the
 * help is the first file's, or "Metric read from a, b" when none has one; a file whose family
 * has another type than the same family elsewhere is refused whole.
 */
public final class MergedFamilies {
    private final Map<String, ParsedFamily> byName = new TreeMap<>();
    private final Map<String, List<Path>> files = new LinkedHashMap<>();
    private final Map<String, Set<String>> seenSeries = new LinkedHashMap<>();

    /** Adds one file's families, or none of them when one conflicts. */
    public void add(Path file, List<ParsedFamily> families) throws TextFormatException {
        for (ParsedFamily f : families) {
            ParsedFamily existing = byName.get(f.name());
            if (existing != null && !existing.type().equals(f.type())) {
                throw new TextFormatException("metric " + f.name() + " has type " + f.type() + " in \"" + file
                        + "\" but " + existing.type() + " in " + files.get(f.name()));
            }
        }
        for (ParsedFamily f : families) {
            if (f.samples().isEmpty()) {
                continue;
            }
            ParsedFamily merged = byName.computeIfAbsent(f.name(), n -> {
                ParsedFamily m = new ParsedFamily(n);
                m.type(f.type());
                return m;
            });
            if (merged.help() == null && f.help() != null) {
                merged.help(f.help());
            }
            files.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(file);
            Set<String> seen = seenSeries.computeIfAbsent(f.name(), n -> new HashSet<>());
            for (ParsedFamily.Sample s : f.samples()) {
                if (seen.add(s.name() + new TreeMap<>(s.labels()))) {
                    merged.samples().add(s);
                }
            }
        }
    }

    public List<MetricSnapshot> snapshots() throws TextFormatException {
        List<MetricSnapshot> out = new ArrayList<>();
        for (ParsedFamily f : byName.values()) {
            String help = f.help();
            if (help == null) {
                List<String> names = new ArrayList<>();
                files.get(f.name()).forEach(p -> names.add(p.toString()));
                help = "Metric read from " + String.join(", ", names);
            }
            try {
                out.add(Snapshots.of(f, help));
            } catch (IllegalArgumentException e) {
                throw new TextFormatException("invalid metric " + f.name() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
