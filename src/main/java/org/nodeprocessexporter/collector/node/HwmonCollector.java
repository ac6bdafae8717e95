package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.Hwmon;
import org.nodeprocessexporter.sysfs.SysfsFiles;

/**
 * node_exporter's {@code hwmon}: every sensor of every chip under {@code /sys/class/hwmon}, named
 * after its type and property with the unit of its type (volts, celsius, amps, ...).
 */
public final class HwmonCollector implements Collector {
    static final String CHIP_INCLUDE = "collector.hwmon.chip-include";
    static final String CHIP_EXCLUDE = "collector.hwmon.chip-exclude";
    static final String SENSOR_INCLUDE = "collector.hwmon.sensor-include";
    static final String SENSOR_EXCLUDE = "collector.hwmon.sensor-exclude";

    public static final CollectorSpec SPEC = CollectorSpec.of("hwmon", true, HwmonCollector::new,
            Flag.regexp(CHIP_INCLUDE, "", "Regexp of hwmon chip to include (mutually exclusive to device-exclude)."),
            Flag.regexp(CHIP_EXCLUDE, "", "Regexp of hwmon chip to exclude (mutually exclusive to device-include)."),
            Flag.regexp(SENSOR_INCLUDE, "",
                    "Regexp of hwmon sensor to include (mutually exclusive to sensor-exclude)."),
            Flag.regexp(SENSOR_EXCLUDE, "",
                    "Regexp of hwmon sensor to exclude (mutually exclusive to sensor-include)."));

    private static final String[] LABELS = {"chip", "sensor"};

    private final CollectorContext ctx;
    private final DeviceFilter chips;
    private final DeviceFilter sensors;

    private HwmonCollector(CollectorContext ctx) throws Exception {
        this.ctx = ctx;
        this.chips = DeviceFilter.fromFlags(ctx, CHIP_EXCLUDE, CHIP_INCLUDE);
        this.sensors = DeviceFilter.fromFlags(ctx, SENSOR_EXCLUDE, SENSOR_INCLUDE);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Path root = ctx.sys("class", "hwmon");
        if (!Files.isDirectory(root)) {
            throw new NoDataException("hwmon collector metrics are not available for this system");
        }
        IOException last = null;
        for (Path dir : SysfsFiles.list(root, "*")) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                chip(sink, Hwmon.read(dir));
            } catch (NoSuchFileException e) {
                // the chip went away while we read it
            } catch (IOException e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
    }

    private void chip(MetricSink sink, Hwmon hw) {
        String chip = hw.chip();
        if (chips.ignored(chip)) {
            Log.debug("ignoring hwmon chip", "chip", chip);
            return;
        }
        if (hw.chipName() != null) {
            sink.gauge("node_hwmon_chip_names", "Annotation metric for human-readable chip names", "chip", "chip_name")
                    .add(1, chip, hw.chipName());
        }
        for (Map.Entry<String, Map<String, String>> e : hw.sensors().entrySet()) {
            String sensor = e.getKey();
            if (sensors.ignored(chip + ";" + sensor)) {
                continue;
            }
            sensor(sink, chip, sensor, e.getValue());
        }
    }

    private static void sensor(MetricSink sink, String chip, String sensor, Map<String, String> data) {
        String type = Hwmon.explode(sensor)[0];
        String label = data.get("label");
        if (label != null) {
            sink.gauge("node_hwmon_sensor_label", "Label for given chip and sensor", "chip", "sensor", "label")
                    .add(1, chip, sensor, label);
        }
        switch (type) {
            case "beep_enable" -> {
                gauge(sink, "node_hwmon_beep_enabled", "Hardware beep enabled", "1".equals(data.get("")) ? 1 : 0,
                        chip, sensor);
                return;
            }
            case "vrm" -> {
                Double v = number(data.get(""));
                if (v != null) {
                    gauge(sink, "node_hwmon_voltage_regulator_version", "Hardware voltage regulator", v, chip, sensor);
                }
                return;
            }
            case "update_interval" -> {
                Double v = number(data.get(""));
                if (v != null) {
                    gauge(sink, "node_hwmon_update_interval_seconds", "Hardware monitor update interval", v * 0.001,
                            chip, sensor);
                }
                return;
            }
            default -> {
            }
        }
        String prefix = "node_hwmon_" + type;
        for (Map.Entry<String, String> p : data.entrySet()) {
            String element = p.getKey();
            if (element.equals("label")) {
                continue;
            }
            String name = prefix;
            if (element.equals("input")) {
                if (data.containsKey("")) {
                    name = name + "_input";
                }
            } else if (!element.isEmpty()) {
                name = name + "_" + Hwmon.clean(element);
            }
            Double v = number(p.getValue());
            if (v == null) {
                continue;
            }
            element(sink, type, element, name, v, chip, sensor, label);
        }
    }

    private static void element(MetricSink sink, String type, String element, String name, double v, String chip,
                                String sensor, String label) {
        if (element.equals("fault") || element.equals("alarm")) {
            gauge(sink, name, "Hardware sensor " + element + " status (" + type + ")", v, chip, sensor);
        } else if (element.equals("beep")) {
            gauge(sink, name + "_enabled", "Hardware monitor sensor has beeping enabled", v, chip, sensor);
        } else if (type.equals("in") || type.equals("cpu")) {
            gauge(sink, name + "_volts", "Hardware monitor for voltage (" + element + ")", v * 0.001, chip, sensor);
        } else if (type.equals("temp") && !element.equals("type")) {
            String shown = element.isEmpty() ? "input" : element;
            gauge(sink, name + "_celsius", "Hardware monitor for temperature (" + shown + ")", v * 0.001, chip, sensor);
        } else if (type.equals("curr")) {
            gauge(sink, name + "_amps", "Hardware monitor for current (" + element + ")", v * 0.001, chip, sensor);
        } else if (type.equals("energy")) {
            sink.counter(name + "_joule_total", "Hardware monitor for joules used so far (" + element + ")", LABELS)
                    .add(v / 1000000.0, chip, sensor);
        } else if (type.equals("power") && element.equals("accuracy")) {
            gauge(sink, name, "Hardware monitor power meter accuracy, as a ratio", v / 1000000.0, chip, sensor);
        } else if (type.equals("power") && (element.equals("average_interval")
                || element.equals("average_interval_min") || element.equals("average_interval_max"))) {
            gauge(sink, name + "_seconds", "Hardware monitor power usage update interval (" + element + ")", v * 0.001,
                    chip, sensor);
        } else if (type.equals("power")) {
            gauge(sink, name + "_watt", "Hardware monitor for power usage in watts (" + element + ")", v / 1000000.0,
                    chip, sensor);
        } else if (type.equals("humidity")) {
            gauge(sink, name, "Hardware monitor for humidity, as a ratio (multiply with 100.0 to get the humidity as a "
                    + "percentage) (" + element + ")", v / 1000000.0, chip, sensor);
        } else if (type.equals("fan") && (element.equals("input") || element.equals("min") || element.equals("max")
                || element.equals("target"))) {
            gauge(sink, name + "_rpm", "Hardware monitor for fan revolutions per minute (" + element + ")", v, chip,
                    sensor);
        } else if (type.equals("freq") && element.equals("input")) {
            if (label != null) {
                gauge(sink, name + "_freq_mhz", "Hardware monitor for GPU frequency in MHz", v / 1000000.0, chip,
                        Hwmon.clean(label));
            }
        } else {
            gauge(sink, name, "Hardware monitor " + type + " element " + element, v, chip, sensor);
        }
    }

    private static void gauge(MetricSink sink, String name, String help, double v, String chip, String sensor) {
        sink.gauge(name, help, LABELS).add(v, chip, sensor);
    }

    /** Go's ParseFloat: a plain decimal or float; anything else (including empty) is skipped. */
    private static Double number(String s) {
        if (s == null || s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1)) && !s.endsWith(".")) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
