package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Fields;

/**
 * node_exporter's {@code selinux}: whether SELinux is enabled (selinuxfs present under
 * {@code --path.sysfs}), the configured and current modes, and the access vector cache statistics.
 */
public final class SelinuxCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("selinux", true, SelinuxCollector::new);

    private final CollectorContext ctx;

    private SelinuxCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Path fs = ctx.sys("fs", "selinux");
        String enforce = null;
        try {
            if (fs.resolve("enforce").toFile().exists()) { // checked first: no exception in the usual case
                enforce = Files.readString(fs.resolve("enforce")).trim();
            }
        } catch (NoSuchFileException e) {
            enforce = null;
        }
        if (enforce == null) {
            sink.gauge("node_selinux_enabled", "SELinux is enabled, 1 is true, 0 is false", 0);
            return;
        }
        emitEnabled(sink, fs, enforce);
    }

    /** The families of a host with SELinux, kept out of {@link #collect} (see {@link Collector}). */
    private void emitEnabled(MetricSink sink, Path fs, String enforce) throws IOException {
        sink.gauge("node_selinux_enabled", "SELinux is enabled, 1 is true, 0 is false", 1);
        sink.gauge("node_selinux_config_mode", "Configured SELinux enforcement mode", configMode());
        sink.gauge("node_selinux_current_mode", "Current SELinux enforcement mode", Fields.number(enforce, "enforce"));

        Map<String, Double> cache = cacheStats(Files.readString(fs.resolve("avc/cache_stats")));
        counter(sink, "lookups", "SELinux AVC lookups", cache);
        counter(sink, "hits", "SELinux AVC hits", cache);
        counter(sink, "misses", "SELinux AVC misses", cache);
        counter(sink, "allocations", "SELinux AVC allocations", cache);
        counter(sink, "reclaims", "SELinux AVC reclaims", cache);
        counter(sink, "frees", "SELinux AVC frees", cache);

        Map<String, Double> hash = hashStats(Files.readString(fs.resolve("avc/hash_stats")));
        sink.gauge("node_selinux_avc_hash_entries", "SELinux AVC hash entries", hash.getOrDefault("entries", 0.0));
        sink.gauge("node_selinux_avc_hash_buckets_available", "SELinux AVC hash buckets available",
                hash.getOrDefault("buckets_available", 0.0));
        sink.gauge("node_selinux_avc_hash_buckets_used", "SELinux AVC hash buckets used",
                hash.getOrDefault("buckets_used", 0.0));
        sink.gauge("node_selinux_avc_hash_longest_chain", "SELinux AVC hash longest chain",
                hash.getOrDefault("longest_chain", 0.0));
        sink.gauge("node_selinux_avc_threshold", "SELinux AVC threshold",
                Fields.number(Files.readString(fs.resolve("avc/cache_threshold")).trim(), "cache_threshold"));
    }

    private static void counter(MetricSink sink, String key, String help, Map<String, Double> stats) {
        sink.counter("node_selinux_avc_" + key + "_total", help, stats.getOrDefault(key, 0.0));
    }

    /** SELINUX= in /etc/selinux/config: enforcing 1, permissive 0, disabled (or no file) -1. */
    private double configMode() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(ctx.root("/etc/selinux/config"));
        } catch (NoSuchFileException e) {
            return -1;
        }
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("SELINUX=")) {
                return switch (l.substring(8).strip().replace("\"", "")) {
                    case "enforcing" -> 1;
                    case "permissive" -> 0;
                    default -> -1;
                };
            }
        }
        return -1;
    }

    /** A header of names, then one line of numbers per CPU, summed. */
    static Map<String, Double> cacheStats(String text) throws IOException {
        List<String> lines = Fields.lines(text);
        Map<String, Double> out = new HashMap<>();
        if (lines.isEmpty()) {
            return out;
        }
        String[] names = Fields.split(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String[] v = Fields.split(lines.get(i));
            for (int j = 0; j < v.length && j < names.length; j++) {
                out.merge(names[j], Fields.number(v[j], "avc/cache_stats"), Double::sum);
            }
        }
        return out;
    }

    /** {@code entries: 506}, {@code buckets used: 280/512}, {@code longest chain: 5}. */
    static Map<String, Double> hashStats(String text) throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (String line : Fields.lines(text)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().replace(' ', '_');
            String value = line.substring(colon + 1).strip();
            if (key.equals("buckets_used")) {
                int slash = value.indexOf('/');
                out.put("buckets_used", Fields.number(value.substring(0, slash), "avc/hash_stats"));
                out.put("buckets_available", Fields.number(value.substring(slash + 1), "avc/hash_stats"));
            } else {
                out.put(key, Fields.number(value, "avc/hash_stats"));
            }
        }
        return out;
    }
}
