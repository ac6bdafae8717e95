package org.nodeprocessexporter.collector;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * One metric family of a scrape's result, as the web layer writes it: either a snapshot of the
 * Prometheus client's model, or a family that writes its samples itself ({@link StreamedFamily}).
 */
public sealed interface ExposedFamily permits ExposedFamily.Built, StreamedFamily {
    /** The family's name without a counter's {@code _total}, as the client names families; the sort key. */
    String name();

    /** The family as a client snapshot (for the protobuf format; a streamed family builds it now). */
    MetricSnapshot toSnapshot();

    /** A family held as a client snapshot. */
    record Built(MetricSnapshot snapshot) implements ExposedFamily {
        @Override
        public String name() {
            return snapshot.getMetadata().getPrometheusName();
        }

        @Override
        public MetricSnapshot toSnapshot() {
            return snapshot;
        }
    }
}
