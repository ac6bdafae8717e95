package org.nodeprocessexporter.textformat;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns parsed text-format families into the Prometheus client's snapshots. A counter whose name
 * lacks {@code _total} becomes untyped: the client would otherwise append the suffix and rename
 * the series, which is worse for a dashboard than losing the type hint.
 */
public final class Snapshots {
    private Snapshots() {
    }

    public static MetricSnapshot of(ParsedFamily f, String help) throws TextFormatException {
        return switch (f.type()) {
            case "counter" -> f.name().endsWith("_total") ? counter(f, help) : untyped(f, help);
            case "gauge" -> gauge(f, help);
            case "summary" -> summary(f, help);
            case "histogram" -> histogram(f, help);
            default -> untyped(f, help);
        };
    }

    private static Labels labels(Map<String, String> map, String without) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!e.getKey().equals(without)) {
                names.add(e.getKey());
                values.add(e.getValue());
            }
        }
        return Labels.of(names, values);
    }

    private static MetricSnapshot counter(ParsedFamily f, String help) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(help);
        for (ParsedFamily.Sample s : f.samples()) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels(s.labels(), null))
                    .value(s.value()).build());
        }
        return b.build();
    }

    private static MetricSnapshot gauge(ParsedFamily f, String help) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(help);
        for (ParsedFamily.Sample s : f.samples()) {
            b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(s.labels(), null))
                    .value(s.value()).build());
        }
        return b.build();
    }

    private static MetricSnapshot untyped(ParsedFamily f, String help) {
        UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(f.name()).help(help);
        for (ParsedFamily.Sample s : f.samples()) {
            b.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder().labels(labels(s.labels(), null))
                    .value(s.value()).build());
        }
        return b.build();
    }

    /** Samples of a summary or histogram grouped by their labels without quantile / le. */
    private static final class Group {
        final Labels labels;
        final TreeMap<Double, Double> points = new TreeMap<>();
        double sum = Double.NaN;
        long count = -1;

        Group(Labels labels) {
            this.labels = labels;
        }
    }

    private static Map<Labels, Group> group(ParsedFamily f, String pointLabel) throws TextFormatException {
        Map<Labels, Group> groups = new LinkedHashMap<>();
        for (ParsedFamily.Sample s : f.samples()) {
            Labels key = labels(s.labels(), pointLabel);
            Group g = groups.computeIfAbsent(key, Group::new);
            if (s.name().equals(f.name() + "_sum")) {
                g.sum = s.value();
            } else if (s.name().equals(f.name() + "_count")) {
                g.count = (long) s.value();
            } else {
                String bound = s.labels().get(pointLabel);
                if (bound == null) {
                    throw new TextFormatException(f.type() + " " + f.name() + " has a sample without " + pointLabel);
                }
                double at = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                g.points.put(at, s.value());
            }
        }
        return groups;
    }

    private static MetricSnapshot summary(ParsedFamily f, String help) throws TextFormatException {
        SummarySnapshot.Builder b = SummarySnapshot.builder().name(f.name()).help(help);
        for (Group g : group(f, "quantile").values()) {
            List<Quantile> qs = new ArrayList<>();
            g.points.forEach((q, v) -> qs.add(new Quantile(q, v)));
            SummarySnapshot.SummaryDataPointSnapshot.Builder p = SummarySnapshot.SummaryDataPointSnapshot.builder()
                    .labels(g.labels).quantiles(Quantiles.of(qs));
            if (!Double.isNaN(g.sum)) {
                p.sum(g.sum);
            }
            if (g.count >= 0) {
                p.count(g.count);
            }
            b.dataPoint(p.build());
        }
        return b.build();
    }

    private static MetricSnapshot histogram(ParsedFamily f, String help) throws TextFormatException {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(f.name()).help(help);
        for (Group g : group(f, "le").values()) {
            if (!g.points.containsKey(Double.POSITIVE_INFINITY)) {
                g.points.put(Double.POSITIVE_INFINITY, (double) Math.max(g.count, 0));
            }
            List<Double> bounds = new ArrayList<>();
            List<Number> counts = new ArrayList<>();
            double previous = 0;
            for (Map.Entry<Double, Double> e : g.points.entrySet()) {
                bounds.add(e.getKey());
                counts.add(Math.max(0, e.getValue() - previous));
                previous = e.getValue();
            }
            try {
                HistogramSnapshot.HistogramDataPointSnapshot.Builder p =
                        HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(g.labels)
                                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts));
                if (!Double.isNaN(g.sum)) {
                    p.sum(g.sum);
                }
                b.dataPoint(p.build());
            } catch (IllegalArgumentException e) {
                throw new TextFormatException("histogram " + f.name() + ": " + e.getMessage());
            }
        }
        return b.build();
    }
}
