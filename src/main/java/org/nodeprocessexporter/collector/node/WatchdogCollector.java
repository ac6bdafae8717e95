package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;

/**
 * node_exporter's {@code watchdog}: each device of {@code /sys/class/watchdog}, its numeric
 * attributes as gauges (only those the driver provides) and its text attributes as info labels.
 */
public final class WatchdogCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("watchdog", true, WatchdogCollector::new);

    /** Attribute file and metric suffix, in upstream's order. */
    private static final String[][] NUMBERS = {
        {"bootstatus", "bootstatus"}, {"fw_version", "fw_version"}, {"nowayout", "nowayout"},
        {"timeleft", "timeleft_seconds"}, {"timeout", "timeout_seconds"}, {"pretimeout", "pretimeout_seconds"},
        {"access_cs0", "access_cs0"}};
    private static final String[] TEXTS = {"options", "identity", "state", "status", "pretimeout_governor"};

    private final CollectorContext ctx;

    private WatchdogCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<Path> devices = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ctx.sys("class", "watchdog"))) {
            ds.forEach(devices::add);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new NoDataException("could not read watchdog stats: " + e.getMessage());
        }
        devices.sort(null);
        for (Path dev : devices) {
            String name = dev.getFileName().toString();
            for (String[] n : NUMBERS) {
                String v = attribute(dev, n[0]);
                if (v != null) {
                    sink.gauge("node_watchdog_" + n[1], "Value of /sys/class/watchdog/<watchdog>/" + n[0], "name")
                            .add(parse(v, dev, n[0]), name);
                }
            }
            String[] labels = new String[TEXTS.length + 1];
            labels[0] = name;
            for (int i = 0; i < TEXTS.length; i++) {
                String v = attribute(dev, TEXTS[i]);
                labels[i + 1] = v == null ? "" : v;
            }
            sink.gauge("node_watchdog_info", "Info of /sys/class/watchdog/<watchdog>", "name", "options", "identity",
                    "state", "status", "pretimeout_governor").add(1, labels);
        }
    }

    private static String attribute(Path dev, String file) throws IOException {
        try {
            return Files.readString(dev.resolve(file)).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static double parse(String v, Path dev, String file) throws IOException {
        try {
            return Long.decode(v);
        } catch (NumberFormatException e) {
            throw new IOException("invalid number " + v + " in " + dev.resolve(file), e);
        }
    }
}
