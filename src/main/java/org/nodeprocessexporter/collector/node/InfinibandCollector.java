package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.InfinibandDevice;
import org.nodeprocessexporter.sysfs.SysfsFiles;

/**
 * node_exporter's {@code infiniband}: identity of each {@code /sys/class/infiniband} device and, per
 * port, its state, rate and counters.
 */
public final class InfinibandCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("infiniband", true, InfinibandCollector::new);

    private static final String[] LABELS = {"device", "port"};

    /** counter file (as keyed by {@link InfinibandDevice.Port#counters}) -> metric suffix and help, in upstream's order. */
    private static final String[][] COUNTERS = {
        {"counters_ext/port_multicast_rcv_packets", "legacy_multicast_packets_received_total",
            "Number of multicast packets received"},
        {"counters_ext/port_multicast_xmit_packets", "legacy_multicast_packets_transmitted_total",
            "Number of multicast packets transmitted"},
        {"counters_ext/port_rcv_data_64", "legacy_data_received_bytes_total",
            "Number of data octets received on all links"},
        {"counters_ext/port_rcv_packets_64", "legacy_packets_received_total",
            "Number of data packets received on all links"},
        {"counters_ext/port_unicast_rcv_packets", "legacy_unicast_packets_received_total",
            "Number of unicast packets received"},
        {"counters_ext/port_unicast_xmit_packets", "legacy_unicast_packets_transmitted_total",
            "Number of unicast packets transmitted"},
        {"counters_ext/port_xmit_data_64", "legacy_data_transmitted_bytes_total",
            "Number of data octets transmitted on all links"},
        // Upstream's help says "received" for this transmit counter; kept for identical output.
        {"counters_ext/port_xmit_packets_64", "legacy_packets_transmitted_total",
            "Number of data packets received on all links"},
        {"excessive_buffer_overrun_errors", "excessive_buffer_overrun_errors_total",
            "Number of times that OverrunErrors consecutive flow control update periods occurred, "
                + "each having at least one overrun error."},
        {"link_downed", "link_downed_total",
            "Number of times the link failed to recover from an error state and went down"},
        {"link_error_recovery", "link_error_recovery_total",
            "Number of times the link successfully recovered from an error state"},
        {"local_link_integrity_errors", "local_link_integrity_errors_total",
            "Number of times that the count of local physical errors exceeded the threshold specified by "
                + "LocalPhyErrors."},
        {"multicast_rcv_packets", "multicast_packets_received_total",
            "Number of multicast packets received (including errors)"},
        {"multicast_xmit_packets", "multicast_packets_transmitted_total",
            "Number of multicast packets transmitted (including errors)"},
        {"port_rcv_constraint_errors", "port_constraint_errors_received_total",
            "Number of packets received on the switch physical port that are discarded"},
        {"port_xmit_constraint_errors", "port_constraint_errors_transmitted_total",
            "Number of packets not transmitted from the switch physical port"},
        {"port_rcv_data", "port_data_received_bytes_total", "Number of data octets received on all links"},
        {"port_xmit_data", "port_data_transmitted_bytes_total", "Number of data octets transmitted on all links"},
        {"port_rcv_discards", "port_discards_received_total",
            "Number of inbound packets discarded by the port because the port is down or congested"},
        {"port_xmit_discards", "port_discards_transmitted_total",
            "Number of outbound packets discarded by the port because the port is down or congested"},
        {"port_rcv_errors", "port_errors_received_total",
            "Number of packets containing an error that were received on this port"},
        {"port_rcv_packets", "port_packets_received_total",
            "Number of packets received on all VLs by this port (including errors)"},
        {"port_xmit_packets", "port_packets_transmitted_total",
            "Number of packets transmitted on all VLs from this port (including errors)"},
        {"port_xmit_wait", "port_transmit_wait_total",
            "Number of ticks during which the port had data to transmit but no data was sent during the entire tick"},
        {"unicast_rcv_packets", "unicast_packets_received_total",
            "Number of unicast packets received (including errors)"},
        {"unicast_xmit_packets", "unicast_packets_transmitted_total",
            "Number of unicast packets transmitted (including errors)"},
        {"port_rcv_remote_physical_errors", "port_receive_remote_physical_errors_total",
            "Number of packets marked with the EBP (End of Bad Packet) delimiter received on the port."},
        {"port_rcv_switch_relay_errors", "port_receive_switch_relay_errors_total",
            "Number of packets that could not be forwarded by the switch."},
        {"symbol_error", "symbol_error_total", "Number of minor link errors detected on one or more physical lanes."},
        {"VL15_dropped", "vl15_dropped_total", "Number of incoming VL15 packets dropped due to resource limitations."},
    };

    private final CollectorContext ctx;

    private InfinibandCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.sys("class", "infiniband"));
        emit(sink, InfinibandDevice.readAll(ctx.sysfs()));
    }

    /** The families, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink, java.util.List<InfinibandDevice> devices) throws Exception {
        for (InfinibandDevice d : devices) {
            sink.gauge("node_infiniband_info", "Non-numeric data from /sys/class/infiniband/<device>, value is always 1.",
                    "device", "board_id", "firmware_version", "hca_type")
                    .add(1, d.name(), d.boardId(), d.firmwareVersion(), d.hcaType());
            for (InfinibandDevice.Port p : d.ports()) {
                String port = Long.toUnsignedString(p.port());
                sink.gauge("node_infiniband_state_id", "State of the InfiniBand port (0: no change, 1: down, 2: init, "
                        + "3: armed, 4: active, 5: act defer)", LABELS).add(p.stateId(), d.name(), port);
                sink.gauge("node_infiniband_physical_state_id", "Physical state of the InfiniBand port (0: no change, "
                        + "1: sleep, 2: polling, 3: disable, 4: shift, 5: link up, 6: link error recover, 7: phytest)",
                        LABELS).add(p.physStateId(), d.name(), port);
                sink.gauge("node_infiniband_rate_bytes_per_second", "Maximum signal transfer rate", LABELS)
                        .add(SysfsFiles.unsignedToDouble(p.rate()), d.name(), port);
                for (String[] c : COUNTERS) {
                    Long v = p.counters().get(c[0]);
                    if (v != null) {
                        sink.counter("node_infiniband_" + c[1], c[2], LABELS)
                                .add(SysfsFiles.unsignedToDouble(v), d.name(), port);
                    }
                }
            }
        }
    }
}
