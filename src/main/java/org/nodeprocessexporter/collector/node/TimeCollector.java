package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Fields;

/**
 * node_exporter's {@code time}: the system clock, the local time zone's offset, and the kernel's
 * clocksources from {@code /sys/devices/system/clocksource}.
 */
public final class TimeCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("time", true, TimeCollector::new);

    private final CollectorContext ctx;

    private TimeCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Instant now = Instant.now();
        sink.gauge("node_time_seconds", "System time in seconds since epoch (1970).",
                now.getEpochSecond() + now.getNano() / 1e9);
        ZoneId zone = ZoneId.systemDefault();
        int offset = zone.getRules().getOffset(now).getTotalSeconds();
        boolean dst = zone.getRules().isDaylightSavings(now);
        ZoneName name = zoneName;
        if (name == null || !name.zone.equals(zone) || name.dst != dst) {
            name = new ZoneName(zone, dst, shortName(zone, dst));
            zoneName = name;
        }
        sink.gauge("node_time_zone_offset_seconds", "System time zone offset in seconds.", "time_zone")
                .add(offset, name.abbreviation);
        clocksources(sink);
    }

    /**
     * The zone's abbreviation, looked up again only when the zone or its daylight-saving state
     * changes: the lookup goes through the JDK's locale data and date formatters, hundreds of
     * microseconds of a scrape before they are compiled.
     */
    private volatile ZoneName zoneName;

    private record ZoneName(ZoneId zone, boolean dst, String abbreviation) {
    }

    /** Go prints the zone's abbreviation (UTC, CET, CEST); Java names the standard one only. */
    private static String shortName(ZoneId zone, boolean dst) {
        if (zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC") || zone.getId().equals("Z")) {
            return "UTC";
        }
        if (dst) {
            java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
            return f.format(java.time.ZonedDateTime.now(zone));
        }
        return zone.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    private void clocksources(MetricSink sink) throws IOException {
        Path dir = ctx.sys("devices", "system", "clocksource");
        List<Path> devices = org.nodeprocessexporter.sysfs.SysfsFiles.list(dir, "clocksource[0-9]*");
        if (devices.isEmpty() && !Files.isDirectory(dir)) {
            return;
        }
        MetricFamily available = sink.gauge("node_time_clocksource_available_info",
                "Available clocksources read from '/sys/devices/system/clocksource'.", "device", "clocksource");
        MetricFamily current = sink.gauge("node_time_clocksource_current_info",
                "Current clocksource read from '/sys/devices/system/clocksource'.", "device", "clocksource");
        for (Path device : devices) {
            String id = device.getFileName().toString().substring("clocksource".length());
            for (String name : Fields.split(Files.readString(device.resolve("available_clocksource")))) {
                available.add(1, id, name);
            }
            String cur = Files.readString(device.resolve("current_clocksource")).trim();
            if (!cur.isEmpty()) {
                current.add(1, id, cur);
            }
        }
    }
}
