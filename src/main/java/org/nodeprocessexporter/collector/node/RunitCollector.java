package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.Path;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.daemon.RunitServices;

/**
 * node_exporter's {@code runit}: per service of {@code --collector.runit.servicedir}, the state,
 * wanted state, normal state and last change that {@code runsv} records in
 * {@code supervise/status} ({@link RunitServices}), labelled {@code supervisor="runit"}. A service
 * whose record cannot be read (not supervised yet, unreadable) is skipped with a debug line, as
 * upstream.
 *
 * <p>Differs from upstream: a missing service directory is "no data" (success 0 with a debug line)
 * where upstream logs an error every scrape.
 */
public final class RunitCollector implements Collector {
    static final String SERVICE_DIR = "collector.runit.servicedir";

    public static final CollectorSpec SPEC = CollectorSpec.of("runit", false, RunitCollector::create,
            Flag.string(SERVICE_DIR, "/etc/service", "Path to runit service directory."));

    private static final String SUPERVISOR = "runit";

    private final Path serviceDir;

    private RunitCollector(Path serviceDir) {
        this.serviceDir = serviceDir;
    }

    private static Collector create(CollectorContext ctx) {
        Log.warn("This collector is deprecated and will be removed in the next major version release.",
                "collector", "runit");
        return new RunitCollector(Path.of(ctx.flags().string(SERVICE_DIR)));
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(serviceDir);
        MetricFamily state = sink.gauge("node_service_state", "State of runit service.", "service", "supervisor");
        MetricFamily desired = sink.gauge("node_service_desired_state", "Desired state of runit service.",
                "service", "supervisor");
        MetricFamily changed = sink.gauge("node_service_state_last_change_timestamp_seconds",
                "Unix timestamp of the last runit service state change.", "service", "supervisor");
        MetricFamily normal = sink.gauge("node_service_normal_state", "Normal state of runit service.",
                "service", "supervisor");
        for (String name : RunitServices.list(serviceDir)) {
            RunitServices.Status s;
            try {
                s = RunitServices.read(serviceDir, name);
            } catch (IOException e) {
                Log.debug("Couldn't get status", "service", name, "err", e.getMessage());
                continue;
            }
            if (Log.enabled(Log.Level.DEBUG)) {
                Log.debug("duration", "service", name, "status", s.state(), "pid", s.pid());
            }
            state.add(s.state(), name, SUPERVISOR);
            desired.add(s.want(), name, SUPERVISOR);
            changed.add(s.changedUnixSeconds(), name, SUPERVISOR);
            normal.add(s.normallyUp() ? 1 : 0, name, SUPERVISOR);
        }
    }
}
