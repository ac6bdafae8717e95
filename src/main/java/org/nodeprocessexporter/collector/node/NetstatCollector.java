package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.NetSnmp;

/**
 * node_exporter's {@code netstat}: the protocol counters of {@code /proc/net/netstat},
 * {@code snmp} and {@code snmp6} whose {@code Protocol_Field} name matches a regexp, untyped.
 */
public final class NetstatCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("netstat", true, NetstatCollector::new,
            Flag.regexp("collector.netstat.fields", "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)"
                    + "|Icmp6?_(InMsgs|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts|TCPOFOQueue"
                    + "|TCPRcvQDrop)|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
                    + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$",
                    "Regexp of fields to return for netstat collector."));

    private final CollectorContext ctx;
    private final FieldFilter fields;

    private NetstatCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.fields = new FieldFilter(ctx.flags().regexp("collector.netstat.fields"));
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (Map.Entry<String, Map<String, Double>> protocol : NetSnmp.read(ctx.procfs()).entrySet()) {
            String name = protocol.getKey();
            String prefix = name + "_";
            for (Map.Entry<String, Double> field : protocol.getValue().entrySet()) {
                String f = field.getKey();
                String[] metric = fields.metric(prefix + f, key -> new String[] {"node_netstat_" + key,
                        "Statistic " + name + f + "."});
                if (metric != null) {
                    sink.untyped(metric[0], metric[1]).add(field.getValue());
                }
            }
        }
    }
}
