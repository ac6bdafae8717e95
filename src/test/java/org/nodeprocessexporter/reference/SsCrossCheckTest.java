package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.process.ProcessDetailCollector;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.NetChild;

/**
 * For every process, the (pid, protocol, local, remote, state) tuples of netstat equal what
 * {@code ss -tanpu} reports, apart from sockets that open or close during the comparison.
 */
class SsCrossCheckTest {
    private static final Map<String, Integer> STATES = Map.ofEntries(Map.entry("ESTAB", 1), Map.entry("SYN-SENT", 2),
            Map.entry("SYN-RECV", 3), Map.entry("FIN-WAIT-1", 4), Map.entry("FIN-WAIT-2", 5),
            Map.entry("TIME-WAIT", 6), Map.entry("UNCONN", 7), Map.entry("CLOSE", 7), Map.entry("CLOSE-WAIT", 8),
            Map.entry("LAST-ACK", 9), Map.entry("LISTEN", 10), Map.entry("CLOSING", 11));
    private static final Pattern USER = Pattern.compile("\\(\"[^\"]*\",pid=(\\d+),fd=\\d+\\)");

    @Test
    void netstatAgreesWithSs() throws Exception {
        try (Child a = Child.wrapped(List.of(), List.of("-Djava.net.preferIPv4Stack=true"), NetChild.class, "all",
                "127.0.0.1");
             Child b = Child.wrapped(List.of(), List.of(), NetChild.class, "all", "::1")) {
            // no per-group cap: a process with more sockets than the default cap would differ from ss
            var collector = CollectorHarness.build(ProcessDetailCollector.SPEC, Path.of("/proc"), Path.of("/sys"),
                    Path.of("/"), "--collector.process_detail.netstat.max-per-group=0");
            // three scrapes of one collector: the later ones reuse remembered fd links (FdLinks),
            // which must agree with ss as much as the first, full read does
            for (int round = 0; round < 3; round++) {
                Set<String> ours = compare(collector);
                assertThat(ours).anyMatch(t -> t.startsWith(a.pid + " tcp 127.0.0.1:"));
                assertThat(ours).anyMatch(t -> t.startsWith(b.pid + " tcp [::1]:"));
            }
        }
    }

    /** One scrape against ss before and after it; the scrape's tuples. */
    private static Set<String> compare(Collector collector) throws Exception {
        Set<String> before = ss();
        Exposition e = Exposition.parse(CollectorHarness.scrape(collector));
        Set<String> after = ss();
        Set<String> ours = new HashSet<>();
        e.family("namedprocess_namegroup_netstat").forEach((key, v) -> {
            String group = label(key, "groupname");
            String pid = group.substring(group.lastIndexOf('_') + 1);
            ours.add(pid + " " + label(key, "protocol") + " " + label(key, "local") + " " + label(key, "remote")
                    + " " + v.intValue());
        });
        Set<String> stable = new HashSet<>(before);
        stable.retainAll(after);
        Set<String> either = new HashSet<>(before);
        either.addAll(after);
        // sockets shared by several fds of one process collapse into one series; so do ss's lines
        assertThat(ours).containsAll(stable);
        assertThat(either).containsAll(ours);
        assertThat(stable.size()).isGreaterThanOrEqualTo(12);
        return ours;
    }

    private static String label(String key, String name) {
        int start = key.indexOf(name + "=\"") + name.length() + 2;
        return key.substring(start, key.indexOf('"', start));
    }

    /** ss -tanpu as tuples "pid protocol local remote state", one per owning pid. */
    private static Set<String> ss() throws Exception {
        ReferenceBinaries.CommandResult r = ReferenceBinaries.run(List.of("ss", "-tanpuH"), null);
        assertThat(r.status()).isZero();
        Set<String> out = new HashSet<>();
        for (String line : r.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 7 || !STATES.containsKey(f[1])) {
                continue;
            }
            String local = endpoint(f[4], false);
            String remote = endpoint(f[5], local.startsWith("["));
            Matcher m = USER.matcher(line);
            Set<String> pids = new HashSet<>();
            while (m.find()) {
                pids.add(m.group(1));
            }
            for (String pid : pids) {
                out.add(pid + " " + f[0] + " " + local + " " + remote + " " + STATES.get(f[1]));
            }
        }
        return out;
    }

    /**
     * ss prints port 0 as "*", an IPv6 peer's unspecified address as "*", and may add "%device";
     * netstat labels print "0", "[::]" and no device.
     */
    private static String endpoint(String ss, boolean ipv6) {
        int colon = ss.lastIndexOf(':');
        String host = ss.substring(0, colon);
        String port = ss.substring(colon + 1);
        int percent = host.indexOf('%');
        if (percent >= 0) {
            host = host.substring(0, percent) + (host.endsWith("]") ? "]" : "");
        }
        if (host.equals("*")) {
            host = ipv6 ? "[::]" : "0.0.0.0";
        }
        return host + ":" + (port.equals("*") ? "0" : port);
    }
}
