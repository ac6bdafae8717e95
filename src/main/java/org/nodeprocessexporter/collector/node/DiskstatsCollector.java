package org.nodeprocessexporter.collector.node;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Diskstats;
import org.nodeprocessexporter.sysfs.BlockDevice;
import org.nodeprocessexporter.sysfs.UdevProperties;

/**
 * node_exporter's {@code diskstats}: the kernel's I/O counters per block device from
 * {@code /proc/diskstats}, with udev's identification of each device (model, serial, file system,
 * device-mapper names) from {@code --path.udev.data}.
 */
public final class DiskstatsCollector implements Collector {
    static final String DEVICE_EXCLUDE = "collector.diskstats.device-exclude";
    static final String DEVICE_INCLUDE = "collector.diskstats.device-include";

    public static final CollectorSpec SPEC = CollectorSpec.of("diskstats", true, DiskstatsCollector::new,
            Flag.regexp(DEVICE_EXCLUDE, "^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$",
                    "Regexp of diskstats devices to exclude (mutually exclusive to device-include).")
                    .withAliases("collector.diskstats.ignored-devices"),
            Flag.regexp(DEVICE_INCLUDE, "",
                    "Regexp of diskstats devices to include (mutually exclusive to device-exclude)."));

    private static final double SECONDS_PER_TICK = 1.0 / 1000.0;
    private static final double SECTOR_SIZE = 512.0;

    /** Name, help, type (true = counter) and scale of each /proc/diskstats counter, in file order. */
    private record Stat(String name, String help, boolean counter, double scale) {
    }

    private static final Stat[] STATS = {
        new Stat("node_disk_reads_completed_total", "The total number of reads completed successfully.", true, 1),
        new Stat("node_disk_reads_merged_total", "The total number of reads merged.", true, 1),
        new Stat("node_disk_read_bytes_total", "The total number of bytes read successfully.", true, SECTOR_SIZE),
        new Stat("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", true,
                SECONDS_PER_TICK),
        new Stat("node_disk_writes_completed_total", "The total number of writes completed successfully.", true, 1),
        new Stat("node_disk_writes_merged_total", "The number of writes merged.", true, 1),
        new Stat("node_disk_written_bytes_total", "The total number of bytes written successfully.", true,
                SECTOR_SIZE),
        new Stat("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.",
                true, SECONDS_PER_TICK),
        new Stat("node_disk_io_now", "The number of I/Os currently in progress.", false, 1),
        new Stat("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", true, SECONDS_PER_TICK),
        new Stat("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.", true,
                SECONDS_PER_TICK),
        new Stat("node_disk_discards_completed_total", "The total number of discards completed successfully.", true,
                1),
        new Stat("node_disk_discards_merged_total", "The total number of discards merged.", true, 1),
        new Stat("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully.", true, 1),
        new Stat("node_disk_discard_time_seconds_total", "This is the total number of seconds spent by all discards.",
                true, SECONDS_PER_TICK),
        new Stat("node_disk_flush_requests_total", "The total number of flush requests completed successfully", true,
                1),
        new Stat("node_disk_flush_requests_time_seconds_total",
                "This is the total number of seconds spent by all flush requests.", true, SECONDS_PER_TICK),
    };

    /** udev's ATA properties that become gauges: property, metric, help. */
    private static final String[][] ATA = {
        {"ID_ATA_ROTATION_RATE_RPM", "node_disk_ata_rotation_rate_rpm", "ATA disk rotation rate in RPMs (0 for SSDs)."},
        {"ID_ATA_WRITE_CACHE", "node_disk_ata_write_cache", "ATA disk has a write cache."},
        {"ID_ATA_WRITE_CACHE_ENABLED", "node_disk_ata_write_cache_enabled", "ATA disk has its write cache enabled."},
    };

    private final CollectorContext ctx;
    private final DeviceFilter filter;
    private final boolean udev;

    private DiskstatsCollector(CollectorContext ctx) throws Exception {
        this.ctx = ctx;
        this.filter = DeviceFilter.fromFlags(ctx, DEVICE_EXCLUDE, DEVICE_INCLUDE);
        this.udev = Files.isDirectory(ctx.udevData());
        if (!udev) {
            Log.error("Failed to open directory, disabling udev device properties", "path", ctx.udevData());
        }
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<Diskstats> disks = Diskstats.read(ctx.procfs());
        MetricFamily info = sink.gauge("node_disk_info", "Info of /sys/block/<block_device>.",
                "device", "major", "minor", "path", "wwn", "model", "serial", "revision", "rotational");
        for (Diskstats d : disks) {
            String dev = d.device();
            if (filter.ignored(dev)) {
                continue;
            }
            Map<String, String> props = udev ? UdevProperties.read(ctx.udevData(), d.major(), d.minor()) : Map.of();
            OptionalLong rotational = BlockDevice.rotational(ctx.sysfs(), dev);
            info.add(1, dev, Integer.toString(d.major()), Integer.toString(d.minor()), prop(props, "ID_PATH"),
                    prop(props, "ID_WWN"), prop(props, "ID_MODEL"), serial(props), prop(props, "ID_REVISION"),
                    Long.toString(rotational.orElse(0), 2));
            long[] stats = d.stats();
            for (int i = 0; i < stats.length && i < STATS.length; i++) {
                Stat s = STATS[i];
                MetricFamily f = s.counter() ? sink.counter(s.name(), s.help(), "device")
                        : sink.gauge(s.name(), s.help(), "device");
                f.add(unsigned(stats[i]) * s.scale(), dev);
            }
            udevMetrics(sink, dev, props);
        }
    }

    private void udevMetrics(MetricSink sink, String dev, Map<String, String> props) throws Exception {
        String fsType = prop(props, "ID_FS_TYPE");
        if (!fsType.isEmpty()) {
            sink.gauge("node_disk_filesystem_info", "Info about disk filesystem.",
                            "device", "type", "usage", "uuid", "version")
                    .add(1, dev, fsType, prop(props, "ID_FS_USAGE"), prop(props, "ID_FS_UUID"),
                            prop(props, "ID_FS_VERSION"));
        }
        String dmName = prop(props, "DM_NAME");
        if (!dmName.isEmpty()) {
            sink.gauge("node_disk_device_mapper_info", "Info about disk device mapper.",
                            "device", "name", "uuid", "vg_name", "lv_name", "lv_layer")
                    .add(1, dev, dmName, prop(props, "DM_UUID"), prop(props, "DM_VG_NAME"), prop(props, "DM_LV_NAME"),
                            prop(props, "DM_LV_LAYER"));
            MetricFamily backing = sink.gauge("node_disk_device_mapper_backing_device_info",
                    "Info about the underlying block devices of a device mapper device.", "device", "backing_device");
            for (String slave : BlockDevice.slaves(ctx.sysfs(), dev)) {
                backing.add(1, dev, slave);
            }
        }
        if (!prop(props, "ID_ATA").isEmpty()) {
            for (String[] ata : ATA) {
                String value = props.get(ata[0]);
                if (value == null) {
                    continue;
                }
                try {
                    sink.gauge(ata[1], ata[2], "device").add(Double.parseDouble(value), dev);
                } catch (NumberFormatException e) {
                    Log.error("Failed to parse ATA value", "err", e.getMessage());
                }
            }
        }
    }

    /** The serial on the disk's label: SCSI's, else the short one, else ID_SERIAL (virtio). */
    private static String serial(Map<String, String> props) {
        for (String key : new String[] {"SCSI_IDENT_SERIAL", "ID_SERIAL_SHORT", "ID_SERIAL"}) {
            String v = prop(props, key);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    private static String prop(Map<String, String> props, String key) {
        return props.getOrDefault(key, "");
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
