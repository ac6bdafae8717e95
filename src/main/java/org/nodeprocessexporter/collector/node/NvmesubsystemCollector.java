package org.nodeprocessexporter.collector.node;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.NvmeSubsystem;

/**
 * node_exporter's {@code nvmesubsystem} (new in 1.12): NVMe(-oF) subsystems of
 * {@code /sys/class/nvme-subsystem}, their namespaces, and the state of each controller path, one
 * {@code path_state} series per known state with value 1 for the current one. As upstream, a
 * missing or refused file anywhere in the scan is "no data".
 */
public final class NvmesubsystemCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("nvmesubsystem", false, NvmesubsystemCollector::new);

    private static final String P = "node_nvmesubsystem_";

    /** The kernel's controller states (nvme_sysfs_show_state) to upstream's label values. */
    // instance fields, not static: a collector that is off builds nothing but its SPEC
    private final Map<String, String> states = Map.of("live", "live", "connecting", "connecting",
            "resetting", "resetting", "dead", "dead", "deleting", "deleting", "deleting (no IO)", "deleting",
            "new", "new");
    /** Every label value, sorted, as upstream iterates them. */
    private final List<String> metricStates = List.of("connecting", "dead", "deleting", "live", "new",
            "resetting", "unknown");

    private final CollectorContext ctx;

    private NvmesubsystemCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<NvmeSubsystem> subsystems;
        try {
            subsystems = NvmeSubsystem.read(ctx.sysfs());
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new NoDataException("could not read NVMe subsystem info: " + e.getMessage());
        }
        for (NvmeSubsystem s : subsystems) {
            sink.gauge(P + "info", "Non-numeric information about an NVMe subsystem.", "subsystem", "nqn", "model",
                    "serial", "iopolicy").add(1, s.name(), s.nqn(), s.model(), s.serial(), s.ioPolicy());
            MetricFamily namespaces = sink.gauge(P + "namespace_info",
                    "Maps an NVMe namespace block device to its subsystem.", "subsystem", "device");
            for (String ns : s.namespaces()) {
                namespaces.add(1, s.name(), ns);
            }
            MetricFamily pathState = sink.gauge(P + "path_state",
                    "Current NVMe controller path state (1 for the current state, 0 for all others).", "subsystem",
                    "controller", "transport", "state");
            int live = 0;
            for (NvmeSubsystem.Controller c : s.controllers()) {
                String state = states.getOrDefault(c.state(), "unknown");
                if (state.equals("live")) {
                    live++;
                }
                for (String st : metricStates) {
                    pathState.add(st.equals(state) ? 1 : 0, s.name(), c.name(), c.transport(), st);
                }
            }
            sink.gauge(P + "paths", "Number of controller paths for an NVMe subsystem.", "subsystem")
                    .add(s.controllers().size(), s.name());
            sink.gauge(P + "paths_live", "Number of controller paths in live state for an NVMe subsystem.", "subsystem")
                    .add(live, s.name());
        }
    }
}
