package org.nodeprocessexporter.collector.node;

import java.util.regex.Pattern;

/** Metric names made from what the host names (sysctls, sysfs files), as node_exporter makes them. */
final class MetricNames {
    /** node_exporter's SanitizeMetricName: each run of invalid characters (with its "_") becomes "_". */
    private static final Pattern INVALID = Pattern.compile("_*[^0-9A-Za-z_]+_*");

    private MetricNames() {
    }

    static String sanitize(String name) {
        return INVALID.matcher(name).replaceAll("_");
    }
}
