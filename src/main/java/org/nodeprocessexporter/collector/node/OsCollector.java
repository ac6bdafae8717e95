package org.nodeprocessexporter.collector.node;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.rootfs.OsRelease;

/**
 * node_exporter's {@code os}: os-release(5) from {@code /etc/os-release}, else
 * {@code /usr/lib/os-release}, under {@code --path.rootfs}.
 */
public final class OsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("os", true, OsCollector::new);

    private static final Pattern MAJOR_MINOR = Pattern.compile("^[0-9]+\\.?[0-9]*");
    private static final String[] INFO_KEYS = {"BUILD_ID", "ID", "ID_LIKE", "IMAGE_ID", "IMAGE_VERSION", "NAME",
        "PRETTY_NAME", "VARIANT", "VARIANT_ID", "VERSION", "VERSION_CODENAME", "VERSION_ID"};

    private final CollectorContext ctx;

    private OsCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Map<String, String> os = null;
        for (String file : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            Path p = ctx.root(file);
            try {
                os = OsRelease.parse(Files.readString(p));
                break;
            } catch (NoSuchFileException e) {
                // try the next one
            }
        }
        if (os == null) {
            throw new NoDataException("no os-release file found");
        }
        // Parsed before anything is emitted: a bad SUPPORT_END fails the whole collector, as upstream.
        String supportEnd = os.getOrDefault("SUPPORT_END", "");
        Double supportEndSeconds = supportEnd.isEmpty() ? null
                : (double) LocalDate.parse(supportEnd).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        String[] values = new String[INFO_KEYS.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = os.getOrDefault(INFO_KEYS[i], "");
        }
        sink.gauge("node_os_info", "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, "
                        + "image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.",
                "build_id", "id", "id_like", "image_id", "image_version", "name", "pretty_name", "variant",
                "variant_id", "version", "version_codename", "version_id").add(1, values);
        Matcher m = MAJOR_MINOR.matcher(os.getOrDefault("VERSION_ID", ""));
        double version = m.find() ? Double.parseDouble(m.group()) : 0;
        if (version > 0) {
            sink.gauge("node_os_version", "Metric containing the major.minor part of the OS version.",
                    "id", "id_like", "name").add(version, os.getOrDefault("ID", ""), os.getOrDefault("ID_LIKE", ""),
                    os.getOrDefault("NAME", ""));
        }
        if (supportEndSeconds != null) {
            sink.gauge("node_os_support_end_timestamp_seconds",
                    "Metric containing the end-of-life date timestamp of the OS.", supportEndSeconds);
        }
    }
}
