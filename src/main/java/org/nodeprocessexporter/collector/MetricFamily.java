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
    public enum Type {
        GAUGE,
        COUNTER,
        UNTYPED,
        /**
         * A counter whose samples are named without {@code _total}, as exporters older than
         * OpenMetrics name some (process-exporter's {@code namedprocess_scrape_errors}): typed
         * {@code counter} in the text format 0.0.4, which allows any name. OpenMetrics requires a
         * counter's samples to end in {@code _total}, and the client's model adds the suffix to
         * every counter, so there, and in protobuf, it is {@code unknown}/untyped: the name that
         * queries and alerts use stays the same in every format.
         */
        UNSUFFIXED_COUNTER
    }

    private final Type type;
    private final String name;
    private final String help;
    private final String[] labelNames;
    /** The label names sorted, as the formats write them, and where each is in {@link #labelNames}. */
    private final String[] sortedNames;
    private final int[] order;
    private final List<Sample> samples = new ArrayList<>();

    /** One sample: its label values in the order of {@link #sortedNames}. */
    private record Sample(String[] values, double value) {
    }

    MetricFamily(Type type, String name, String help, String[] labelNames) {
        this.type = type;
        this.name = name;
        this.help = help;
        this.labelNames = labelNames.clone();
        Integer[] byName = new Integer[labelNames.length];
        for (int i = 0; i < byName.length; i++) {
            byName[i] = i;
        }
        Arrays.sort(byName, (a, b) -> labelNames[a].compareTo(labelNames[b]));
        this.order = new int[byName.length];
        this.sortedNames = new String[byName.length];
        for (int k = 0; k < byName.length; k++) {
            order[k] = byName[k];
            sortedNames[k] = labelNames[byName[k]];
        }
        if (labelNames.length > 0) {
            // the client's model checks the names on every sample; they are the family's, so once
            String[] blank = new String[labelNames.length];
            Arrays.fill(blank, "");
            Labels.of(this.labelNames, blank);
        }
    }

    /** Adds an unsigned 64-bit count of the kernel's, held in a long, as the nearest double. */
    public MetricFamily addUnsigned(long count, String... labelValues) {
        return add(unsignedToDouble(count), labelValues);
    }

    /** An unsigned 64-bit value as the nearest double, as Go's {@code float64(uint64)} converts it. */
    public static double unsignedToDouble(long unsigned) {
        return org.nodeprocessexporter.procfs.Fields.unsignedToDouble(unsigned);
    }

    /** Adds one sample; label values in the order of the label names given for the family. */
    public MetricFamily add(double value, String... labelValues) {
        if (labelValues.length != labelNames.length) {
            throw new IllegalArgumentException(name + ": expected " + labelNames.length + " label values, got "
                    + labelValues.length);
        }
        String[] values = new String[labelValues.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = java.util.Objects.requireNonNull(labelValues[order[k]],
                    () -> name + ": null label value");
        }
        samples.add(new Sample(values, value));
        return this;
    }

    /**
     * Adds one sample with ready-made labels (their names must be the family's): for collectors
     * that emit the same label sets every scrape and keep them, instead of building them anew.
     */
    public MetricFamily add(double value, Labels labels) {
        String[] values = new String[labels.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = labels.getValue(k);
        }
        samples.add(new Sample(values, value));
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
                        .labels(labels(s)).value(s.value).build()));
                return b.build();
            }
            case GAUGE: {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
                unique.forEach(s -> b.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(labels(s)).value(s.value).build()));
                return b.build();
            }
            default: {
                UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
                unique.forEach(s -> b.dataPoint(UnknownDataPointSnapshot.builder()
                        .labels(labels(s)).value(s.value).build()));
                return b.build();
            }
        }
    }

    private Labels labels(Sample s) {
        return sortedNames.length == 0 ? Labels.EMPTY : Labels.of(sortedNames, s.values.clone());
    }

    /**
     * The family as one the exposition writes itself (no client snapshot objects), with the
     * samples {@link #build()} would have. Checks now what the client's model would refuse: a
     * negative counter.
     */
    StreamedFamily toStreamed() {
        List<Sample> unique = sortedUnique();
        if (type == Type.COUNTER || type == Type.UNSUFFIXED_COUNTER) {
            for (Sample s : unique) {
                if (s.value < 0) {
                    throw new IllegalArgumentException(name + ": counters cannot have a negative value (" + s.value + ")");
                }
            }
        }
        // the samples hold their values in sorted-name order; so must the streamed family
        return new StreamedFamily(type, name, help, sortedNames) {
            @Override
            public void writeSamples(SampleWriter out) throws java.io.IOException {
                for (Sample s : unique) {
                    out.sample(s.value, s.values);
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
            if (Arrays.compare(sorted[i - 1].values, sorted[i].values) > 0) {
                Arrays.sort(sorted, (a, b) -> Arrays.compare(a.values, b.values));
                break;
            }
        }
        List<Sample> unique = new ArrayList<>(sorted.length);
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || !Arrays.equals(sorted[i].values, sorted[i - 1].values)) {
                unique.add(sorted[i]);
            }
        }
        return unique;
    }
}
