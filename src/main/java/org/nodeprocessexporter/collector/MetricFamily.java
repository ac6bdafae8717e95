package org.nodeprocessexporter.collector;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One metric family being filled during a scrape: a name, a help text, fixed label names and the
 * samples added so far. Samples are sorted by labels when built, and a second sample with the same
 * labels is dropped, so a family can never make the exposition invalid.
 */
public final class MetricFamily {
    public enum Type { GAUGE, COUNTER, UNTYPED }

    private final Type type;
    private final String name;
    private final String help;
    private final String[] labelNames;
    private final List<Sample> samples = new ArrayList<>();

    private record Sample(Labels labels, double value) {
    }

    MetricFamily(Type type, String name, String help, String[] labelNames) {
        this.type = type;
        this.name = name;
        this.help = help;
        this.labelNames = labelNames.clone();
    }

    /** Adds one sample; label values in the order of the label names given for the family. */
    public MetricFamily add(double value, String... labelValues) {
        if (labelValues.length != labelNames.length) {
            throw new IllegalArgumentException(name + ": expected " + labelNames.length + " label values, got "
                    + labelValues.length);
        }
        Labels labels = labelNames.length == 0 ? Labels.EMPTY : Labels.of(labelNames, labelValues.clone());
        samples.add(new Sample(labels, value));
        return this;
    }

    /**
     * Adds one sample with ready-made labels (their names must be the family's): for collectors
     * that emit the same label sets every scrape and keep them, instead of building them anew.
     */
    public MetricFamily add(double value, Labels labels) {
        samples.add(new Sample(labels, value));
        return this;
    }

    Type type() {
        return type;
    }

    int labelCount() {
        return labelNames.length;
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    MetricSnapshot build() {
        List<Sample> unique = sortedUnique();
        switch (type) {
            case COUNTER: {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                unique.forEach(s -> b.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(s.labels).value(s.value).build()));
                return b.build();
            }
            case GAUGE: {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
                unique.forEach(s -> b.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(s.labels).value(s.value).build()));
                return b.build();
            }
            default: {
                UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
                unique.forEach(s -> b.dataPoint(UnknownDataPointSnapshot.builder()
                        .labels(s.labels).value(s.value).build()));
                return b.build();
            }
        }
    }

    /**
     * The family as one the exposition writes itself (no client snapshot objects), with the
     * samples {@link #build()} would have. Checks now what the client's model would refuse: a
     * negative counter.
     */
    StreamedFamily toStreamed() {
        List<Sample> unique = sortedUnique();
        if (type == Type.COUNTER) {
            for (Sample s : unique) {
                if (s.value < 0) {
                    throw new IllegalArgumentException(name + ": counters cannot have a negative value (" + s.value + ")");
                }
            }
        }
        // the samples' Labels hold their names sorted; so must the streamed family
        String[] names = labelNames.clone();
        Arrays.sort(names);
        return new StreamedFamily(type, name, help, names) {
            @Override
            public void writeSamples(SampleWriter out) throws java.io.IOException {
                String[] values = new String[names.length];
                for (Sample s : unique) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = s.labels.getValue(i);
                    }
                    out.sample(s.value, values);
                }
            }
        };
    }

    /**
     * The samples sorted by labels, a second sample with the same labels dropped. Collectors
     * mostly add in order already; checking is linear, sorting is not.
     */
    private List<Sample> sortedUnique() {
        Sample[] sorted = samples.toArray(new Sample[0]);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i - 1].labels.compareTo(sorted[i].labels) > 0) {
                Arrays.sort(sorted, (a, b) -> a.labels.compareTo(b.labels));
                break;
            }
        }
        List<Sample> unique = new ArrayList<>(sorted.length);
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || !sorted[i].labels.equals(sorted[i - 1].labels)) {
                unique.add(sorted[i]);
            }
        }
        return unique;
    }
}
