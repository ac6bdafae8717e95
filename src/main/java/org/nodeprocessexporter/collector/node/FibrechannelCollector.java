package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.FibreChannelHost;
import org.nodeprocessexporter.sysfs.SysfsFiles;

/** node_exporter's {@code fibrechannel}: identity and counters of each {@code /sys/class/fc_host} port. */
public final class FibrechannelCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("fibrechannel", true, FibrechannelCollector::new);

    /** statistics file -> metric name suffix and help, in node_exporter's order. */
    private static final String[][] COUNTERS = {
        {"dumped_frames", "dumped_frames_total", "Number of dumped frames"},
        {"error_frames", "error_frames_total", "Number of errors in frames"},
        {"invalid_crc_count", "invalid_crc_total", "Invalid Cyclic Redundancy Check count"},
        {"rx_frames", "rx_frames_total", "Number of frames received"},
        {"rx_words", "rx_words_total", "Number of words received by host port"},
        {"tx_frames", "tx_frames_total", "Number of frames transmitted by host port"},
        {"tx_words", "tx_words_total", "Number of words transmitted by host port"},
        {"seconds_since_last_reset", "seconds_since_last_reset_total", "Number of seconds since last host port reset"},
        {"invalid_tx_word_count", "invalid_tx_words_total", "Number of invalid words transmitted by host port"},
        {"link_failure_count", "link_failure_total", "Number of times the host port link has failed"},
        {"loss_of_sync_count", "loss_of_sync_total",
            "Number of failures on either bit or transmission word boundaries"},
        {"loss_of_signal_count", "loss_of_signal_total", "Number of times signal has been lost"},
        {"nos_count", "nos_total", "Number Not_Operational Primitive Sequence received by host port"},
        {"fcp_packet_aborts", "fcp_packet_aborts_total", "Number of aborted packets"},
    };

    private static final String[] INFO_LABELS = {"fc_host", "speed", "port_state", "port_type", "port_id",
        "port_name", "fabric_name", "symbolic_name", "supported_classes", "supported_speeds", "dev_loss_tmo"};

    private final CollectorContext ctx;

    private FibrechannelCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.sys("class", "fc_host"));
        for (FibreChannelHost host : FibreChannelHost.readAll(ctx.sysfs())) {
            Map<String, String> a = host.attributes();
            String[] info = new String[INFO_LABELS.length];
            info[0] = host.name();
            for (int i = 1; i < INFO_LABELS.length; i++) {
                info[i] = a.get(INFO_LABELS[i]);
            }
            sink.gauge("node_fibrechannel_info", "Non-numeric data from /sys/class/fc_host/<host>, value is always 1.",
                    INFO_LABELS).add(1, info);
            for (String[] c : COUNTERS) {
                long v = host.counters().get(c[0]);
                if (v == -1L) {
                    continue; // all ones: the HBA firmware does not implement this counter
                }
                MetricFamily f = sink.counter("node_fibrechannel_" + c[1], c[2], "fc_host");
                f.add(SysfsFiles.unsignedToDouble(v), host.name());
            }
        }
    }
}
