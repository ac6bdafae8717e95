package org.nodeprocessexporter.collector.node;

import java.nio.file.NoSuchFileException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.XfrmStat;

/**
 * node_exporter's {@code xfrm}: the 28 IPsec error counters of {@code /proc/net/xfrm_stat} that
 * upstream exports, each as {@code node_xfrm_<name>_packets_total} with upstream's help text (its
 * typographic apostrophe included); counters newer kernels add (direction errors, IP-TFS) are not
 * exported, as upstream. Without the file (no CONFIG_XFRM_STATISTICS) the scrape reports no data;
 * upstream reports the open error.
 */
public final class XfrmCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("xfrm", false, XfrmCollector::new);

    /** File name, metric name, help; in upstream's order. Not static: an off collector builds only its SPEC. */
    private final String[][] counters = {
        {"XfrmInError", "in_error", "All errors not matched by other"},
        {"XfrmInBufferError", "in_buffer_error", "No buffer is left"},
        {"XfrmInHdrError", "in_hdr_error", "Header error"},
        {"XfrmInNoStates", "in_no_states",
            "No state is found i.e. Either inbound SPI, address, or IPsec protocol at SA is wrong"},
        {"XfrmInStateProtoError", "in_state_proto_error", "Transformation protocol specific error e.g. SA key is wrong"},
        {"XfrmInStateModeError", "in_state_mode_error", "Transformation mode specific error"},
        {"XfrmInStateSeqError", "in_state_seq_error", "Sequence error i.e. Sequence number is out of window"},
        {"XfrmInStateExpired", "in_state_expired", "State is expired"},
        {"XfrmInStateMismatch", "in_state_mismatch",
            "State has mismatch option e.g. UDP encapsulation type is mismatch"},
        {"XfrmInStateInvalid", "in_state_invalid", "State is invalid"},
        {"XfrmInTmplMismatch", "in_tmpl_mismatch",
            "No matching template for states e.g. Inbound SAs are correct but SP rule is wrong"},
        {"XfrmInNoPols", "in_no_pols", "No policy is found for states e.g. Inbound SAs are correct but no SP is found"},
        {"XfrmInPolBlock", "in_pol_block", "Policy discards"},
        {"XfrmInPolError", "in_pol_error", "Policy error"},
        {"XfrmOutError", "out_error", "All errors which is not matched others"},
        {"XfrmOutBundleGenError", "out_bundle_gen_error", "Bundle generation error"},
        {"XfrmOutBundleCheckError", "out_bundle_check_error", "Bundle check error"},
        {"XfrmOutNoStates", "out_no_states", "No state is found"},
        {"XfrmOutStateProtoError", "out_state_proto_error", "Transformation protocol specific error"},
        {"XfrmOutStateModeError", "out_state_mode_error", "Transformation mode specific error"},
        {"XfrmOutStateSeqError", "out_state_seq_error", "Sequence error i.e. Sequence number overflow"},
        {"XfrmOutStateExpired", "out_state_expired", "State is expired"},
        {"XfrmOutPolBlock", "out_pol_block", "Policy discards"},
        {"XfrmOutPolDead", "out_pol_dead", "Policy is dead"},
        {"XfrmOutPolError", "out_pol_error", "Policy error"},
        {"XfrmFwdHdrError", "fwd_hdr_error", "Forward routing of a packet is not allowed"},
        {"XfrmOutStateInvalid", "out_state_invalid", "State is invalid, perhaps expired"},
        {"XfrmAcquireError", "acquire_error", "State hasn\u2019t been fully acquired before use"},
    };

    private final CollectorContext ctx;

    private XfrmCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.proc("net", "xfrm_stat"));
        XfrmStat stat;
        try {
            stat = XfrmStat.read(ctx.procfs());
        } catch (NoSuchFileException e) {
            throw new NoDataException("no " + e.getMessage());
        }
        for (String[] c : counters) {
            sink.counter("node_xfrm_" + c[1] + "_packets_total", c[2], (double) stat.get(c[0]));
        }
    }
}
