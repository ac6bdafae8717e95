package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.NvmeDevice;

/** node_exporter's {@code nvme}: controller identity and namespace sizes from {@code /sys/class/nvme}. */
public final class NvmeCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("nvme", true, NvmeCollector::new);

    private final CollectorContext ctx;

    private NvmeCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.sys("class", "nvme"));
        for (NvmeDevice d : NvmeDevice.read(ctx.sysfs())) {
            sink.gauge("node_nvme_info", "Non-numeric data from /sys/class/nvme/<device>, value is always 1.",
                    "device", "firmware_revision", "model", "serial", "state", "cntlid")
                    .add(1, d.name(), d.firmwareRevision(), d.model(), d.serial(), d.state(), d.cntlid());
            for (NvmeDevice.Namespace ns : d.namespaces()) {
                sink.gauge("node_nvme_namespace_info", "Information about NVMe namespaces. Value is always 1",
                        "device", "nsid", "ana_state").add(1, d.name(), ns.nsid(), ns.anaState());
                // size is in 512-byte sectors whatever the LBA format; nuse is in logical blocks.
                double size = ns.sizeSectors() * 512.0;
                gauge(sink, "node_nvme_namespace_capacity_bytes", "Capacity of the NVMe namespace in bytes. "
                        + "Computed as namespace_size * namespace_logical_block_size").add(size, d.name(), ns.nsid());
                gauge(sink, "node_nvme_namespace_size_bytes", "Size of the NVMe namespace in bytes. Available in "
                        + "/sys/class/nvme/<device>/<namespace>/size").add(size, d.name(), ns.nsid());
                gauge(sink, "node_nvme_namespace_used_bytes", "Used space of the NVMe namespace in bytes. Available "
                        + "in /sys/class/nvme/<device>/<namespace>/nuse")
                        .add((double) ns.usedBlocks() * ns.logicalBlockSize(), d.name(), ns.nsid());
                gauge(sink, "node_nvme_namespace_logical_block_size_bytes", "Logical block size of the NVMe "
                        + "namespace in bytes. Usually 4Kb. Available in "
                        + "/sys/class/nvme/<device>/<namespace>/queue/logical_block_size")
                        .add(ns.logicalBlockSize(), d.name(), ns.nsid());
            }
        }
    }

    private static MetricFamily gauge(MetricSink sink, String name, String help) {
        return sink.gauge(name, help, "device", "nsid");
    }
}
