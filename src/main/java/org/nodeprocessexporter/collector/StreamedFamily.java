package org.nodeprocessexporter.collector;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A metric family that writes its samples when the exposition is written, instead of holding one
 * object per sample through the scrape: for process_detail, whose tens of thousands of series per
 * scrape would otherwise live as label and data-point objects until the response is sent (and
 * be promoted, growing the heap). The family's first label carries a pre-encoded
 * {@link LabelValue}; the text writer copies its bytes.
 *
 * <p>Contract for subclasses: {@link #writeSamples} writes every sample in label order, never two
 * with the same labels, at least one in all; it may be called more than once, on any thread,
 * after {@code collect} returned, so it must read only data that a later scrape does not change.
 */
public abstract non-sealed class StreamedFamily implements ExposedFamily {
    private final MetricFamily.Type type;
    private final String name;
    private final String help;
    private final String[] labelNames;

    /**
     * {@code name} as exposed: a counter's ends in {@code _total}. Label names sorted, as the
     * client's model orders them, so that both write the same text; none is fine too (then only
     * {@link SampleWriter#sample(double, String...)} applies).
     */
    protected StreamedFamily(MetricFamily.Type type, String name, String help, String... labelNames) {
        if (type == MetricFamily.Type.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("counter name must end in _total: " + name);
        }
        for (int i = 1; i < labelNames.length; i++) {
            if (labelNames[i - 1].compareTo(labelNames[i]) >= 0) {
                throw new IllegalArgumentException(name + ": label names must be given sorted, as the formats write them");
            }
        }
        this.type = type;
        this.name = name;
        this.help = help;
        this.labelNames = labelNames.clone();
    }

    public abstract void writeSamples(SampleWriter out) throws IOException;

    /** Writes one row of a family over rows, e.g. one process group. */
    @FunctionalInterface
    public interface RowWriter<R> {
        void write(R row, SampleWriter out) throws IOException;
    }

    /**
     * A family whose samples come from {@code rows}, in their order, through each pass in turn:
     * with several passes, the first pass over all rows comes before the second (for a family
     * whose first sorted label is not the rows' own, e.g. {@code ctxswitchtype} before
     * {@code groupname}).
     */
    @SafeVarargs
    public static <R> StreamedFamily ofRows(MetricFamily.Type type, String name, String help, String[] labelNames,
                                            Iterable<R> rows, RowWriter<? super R>... passes) {
        return new StreamedFamily(type, name, help, labelNames) {
            @Override
            public void writeSamples(SampleWriter out) throws IOException {
                for (RowWriter<? super R> pass : passes) {
                    for (R row : rows) {
                        pass.write(row, out);
                    }
                }
            }
        };
    }

    public final MetricFamily.Type type() {
        return type;
    }

    /** The name samples carry (a counter's with {@code _total}). */
    public final String sampleName() {
        return name;
    }

    @Override
    public final String name() {
        return type == MetricFamily.Type.COUNTER ? name.substring(0, name.length() - "_total".length()) : name;
    }

    public final String help() {
        return help;
    }

    public final int labelCount() {
        return labelNames.length;
    }

    public final String labelName(int i) {
        return labelNames[i];
    }

    @Override
    public final MetricSnapshot toSnapshot() {
        MetricFamily family = new MetricFamily(type, name, help, labelNames);
        try {
            writeSamples(new SampleWriter() {
                @Override
                public void sample(double value, LabelValue first, CharSequence... rest) {
                    String[] values = new String[rest.length + 1];
                    values[0] = first.value();
                    for (int i = 0; i < rest.length; i++) {
                        values[i + 1] = rest[i].toString();
                    }
                    family.add(value, Labels.of(labelNames, values));
                }

                @Override
                public void sample(double value, String... values) {
                    family.add(value, values);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return family.build();
    }
}
