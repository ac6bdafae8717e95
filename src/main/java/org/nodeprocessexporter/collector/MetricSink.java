package org.nodeprocessexporter.collector;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a collector puts what it read during one scrape: metric families with fixed label names,
 * filled one sample at a time, turned into the Prometheus client's immutable snapshots at the end.
 * Asking twice for the same family name returns the same family, so a loop over devices can simply
 * ask for it each time.
 */
public final class MetricSink {
    private final Map<String, MetricFamily> families = new LinkedHashMap<>();
    private final List<MetricSnapshot> prebuilt = new ArrayList<>();
    private final List<StreamedFamily> streamed = new ArrayList<>();

    public MetricFamily gauge(String name, String help, String... labelNames) {
        return family(MetricFamily.Type.GAUGE, name, help, labelNames);
    }

    /** A counter; its name must end in {@code _total}, as every node_exporter counter's does. */
    public MetricFamily counter(String name, String help, String... labelNames) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter name must end in _total: " + name);
        }
        return family(MetricFamily.Type.COUNTER, name, help, labelNames);
    }

    /** A counter without the {@code _total} suffix: see {@link MetricFamily.Type#UNSUFFIXED_COUNTER}. */
    public MetricFamily unsuffixedCounter(String name, String help) {
        if (name.endsWith("_total")) {
            throw new IllegalArgumentException("an unsuffixed counter must not end in _total: " + name);
        }
        return family(MetricFamily.Type.UNSUFFIXED_COUNTER, name, help, new String[0]);
    }

    /** node_exporter's untyped families (netstat, vmstat, ...), written as {@code untyped}. */
    public MetricFamily untyped(String name, String help, String... labelNames) {
        return family(MetricFamily.Type.UNTYPED, name, help, labelNames);
    }

    public void gauge(String name, String help, double value) {
        gauge(name, help, new String[0]).add(value);
    }

    public void counter(String name, String help, double value) {
        counter(name, help, new String[0]).add(value);
    }

    /** A family built elsewhere (the textfile collector parses whole families). */
    public void snapshot(MetricSnapshot snapshot) {
        prebuilt.add(snapshot);
    }

    /** A family that writes its samples itself when the exposition is written (process_detail). */
    public void streamed(StreamedFamily family) {
        streamed.add(family);
    }

    private MetricFamily family(MetricFamily.Type type, String name, String help, String[] labelNames) {
        MetricFamily f = families.get(name);
        if (f == null) {
            f = new MetricFamily(type, name, help, labelNames);
            families.put(name, f);
        } else if (f.type() != type || f.labelCount() != labelNames.length) {
            throw new IllegalArgumentException("metric family " + name + " declared twice with different shapes");
        }
        return f;
    }

    /** Everything added so far, for the exposition; empty families are left out. */
    public List<ExposedFamily> families() {
        List<ExposedFamily> out = new ArrayList<>(families.size() + prebuilt.size() + streamed.size());
        for (MetricFamily f : families.values()) {
            if (!f.isEmpty()) {
                out.add(f.toStreamed());
            }
        }
        for (MetricSnapshot s : prebuilt) {
            out.add(new ExposedFamily.Built(s));
        }
        out.addAll(streamed);
        return out;
    }

    /** Everything added so far, as client snapshots (streamed families built now); for tests. */
    public List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>();
        for (ExposedFamily f : families()) {
            out.add(f.toSnapshot());
        }
        return out;
    }
}
