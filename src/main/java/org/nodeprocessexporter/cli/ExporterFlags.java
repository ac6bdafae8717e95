package org.nodeprocessexporter.cli;

import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.collector.CollectorSpec;

/** The exporter's own flags, with node_exporter's names and defaults, plus every collector's. */
public final class ExporterFlags {
    public static final String LISTEN = "web.listen-address";
    public static final String TELEMETRY_PATH = "web.telemetry-path";
    public static final String DISABLE_EXPORTER_METRICS = "web.disable-exporter-metrics";
    public static final String MAX_REQUESTS = "web.max-requests";
    public static final String WEB_CONFIG = "web.config.file";
    public static final String SYSTEMD_SOCKET = "web.systemd-socket";
    public static final String DISABLE_DEFAULTS = "collector.disable-defaults";
    public static final String SCRAPE_TIMEOUT = "collector.scrape-timeout";
    public static final String PROCFS = "path.procfs";
    public static final String SYSFS = "path.sysfs";
    public static final String ROOTFS = "path.rootfs";
    public static final String UDEV = "path.udev.data";
    public static final String LOG_LEVEL = "log.level";
    public static final String LOG_FORMAT = "log.format";
    public static final String RUNTIME_GOMAXPROCS = "runtime.gomaxprocs";

    private ExporterFlags() {
    }

    public static List<Flag> core() {
        return List.of(
                Flag.strings(LISTEN, ":9100",
                        "Addresses on which to expose metrics and web interface. Repeatable for multiple addresses.")
                        .withPlaceholder("ADDRESS"),
                Flag.string(TELEMETRY_PATH, "/metrics", "Path under which to expose metrics.").withPlaceholder("PATH"),
                Flag.bool(DISABLE_EXPORTER_METRICS, false,
                        "Exclude metrics about the exporter itself (process_*, jvm_*, promhttp_*)."),
                Flag.integer(MAX_REQUESTS, 40,
                        "Maximum number of parallel scrape requests. Use 0 to disable.").withPlaceholder("N"),
                Flag.string(WEB_CONFIG, "", "Path to configuration file that can enable TLS or authentication.")
                        .withPlaceholder("FILE").withAliases("web.config"),
                Flag.bool(SYSTEMD_SOCKET, false,
                        "Use systemd socket activation listeners instead of port listeners (Linux only)."),
                Flag.bool(DISABLE_DEFAULTS, false, "Set all collectors to disabled by default."),
                Flag.duration(SCRAPE_TIMEOUT, "10s",
                        "Time budget of one scrape; a collector still running then is reported as failed. "
                                + "Lowered to Prometheus' X-Prometheus-Scrape-Timeout-Seconds when that is shorter.")
                        .withPlaceholder("DURATION"),
                Flag.string(PROCFS, "/proc", "procfs mountpoint.").withPlaceholder("PATH"),
                Flag.string(SYSFS, "/sys", "sysfs mountpoint.").withPlaceholder("PATH"),
                Flag.string(ROOTFS, "/", "rootfs mountpoint.").withPlaceholder("PATH"),
                Flag.string(UDEV, "/run/udev/data", "udev data path.").withPlaceholder("PATH"),
                Flag.integer(RUNTIME_GOMAXPROCS, 1,
                        "Accepted for node_exporter compatibility; the collector pool size follows it.")
                        .withPlaceholder("N"),
                Flag.string(LOG_LEVEL, "info", "Only log messages with the given severity or above. One of: "
                        + "[debug, info, warn, error]").withPlaceholder("LEVEL"),
                Flag.string(LOG_FORMAT, "logfmt", "Output format of log messages. One of: [logfmt, json]")
                        .withPlaceholder("FORMAT"));
    }

    /** Core flags followed by each collector's enable flag and own flags. */
    public static List<Flag> all(List<CollectorSpec> collectors) {
        List<Flag> all = new ArrayList<>(core());
        for (CollectorSpec spec : collectors) {
            all.addAll(spec.allFlags());
        }
        return all;
    }
}
