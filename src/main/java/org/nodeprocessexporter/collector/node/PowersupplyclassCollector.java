package org.nodeprocessexporter.collector.node;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.PowerSupply;

/**
 * node_exporter's {@code powersupplyclass}: batteries, mains adapters and USB chargers under
 * {@code /sys/class/power_supply}, one gauge per known numeric attribute and an info metric with the
 * textual ones.
 */
public final class PowersupplyclassCollector implements Collector {
    static final String IGNORED = "collector.powersupply.ignored-supplies";

    public static final CollectorSpec SPEC = CollectorSpec.of("powersupplyclass", true,
            PowersupplyclassCollector::new,
            Flag.regexp(IGNORED, "^$", "Regexp of power supplies to ignore for powersupplyclass collector."));

    /** Attribute file, metric suffix, divisor: µA/µV/µW/µWh/µAh to base units, tenths of °C to °C. */
    private record Numeric(String file, String metric, double divisor) {
    }

    private static final List<Numeric> NUMERIC = List.of(
            new Numeric("authentic", "authentic", 1),
            new Numeric("calibrate", "calibrate", 1),
            new Numeric("capacity", "capacity", 1),
            new Numeric("capacity_alert_max", "capacity_alert_max", 1),
            new Numeric("capacity_alert_min", "capacity_alert_min", 1),
            new Numeric("cycle_count", "cyclecount", 1),
            new Numeric("online", "online", 1),
            new Numeric("present", "present", 1),
            new Numeric("time_to_empty_now", "time_to_empty_seconds", 1),
            new Numeric("time_to_full_now", "time_to_full_seconds", 1),
            new Numeric("current_boot", "current_boot", 1e6),
            new Numeric("current_max", "current_max", 1e6),
            new Numeric("current_now", "current_ampere", 1e6),
            new Numeric("energy_empty", "energy_empty", 1e6),
            new Numeric("energy_empty_design", "energy_empty_design", 1e6),
            new Numeric("energy_full", "energy_full", 1e6),
            new Numeric("energy_full_design", "energy_full_design", 1e6),
            new Numeric("energy_now", "energy_watthour", 1e6),
            new Numeric("voltage_boot", "voltage_boot", 1e6),
            new Numeric("voltage_max", "voltage_max", 1e6),
            new Numeric("voltage_max_design", "voltage_max_design", 1e6),
            new Numeric("voltage_min", "voltage_min", 1e6),
            new Numeric("voltage_min_design", "voltage_min_design", 1e6),
            new Numeric("voltage_now", "voltage_volt", 1e6),
            new Numeric("voltage_ocv", "voltage_ocv", 1e6),
            new Numeric("charge_control_limit", "charge_control_limit", 1e6),
            new Numeric("charge_control_limit_max", "charge_control_limit_max", 1e6),
            new Numeric("charge_counter", "charge_counter", 1e6),
            new Numeric("charge_empty", "charge_empty", 1e6),
            new Numeric("charge_empty_design", "charge_empty_design", 1e6),
            new Numeric("charge_full", "charge_full", 1e6),
            new Numeric("charge_full_design", "charge_full_design", 1e6),
            new Numeric("charge_now", "charge_ampere", 1e6),
            new Numeric("charge_term_current", "charge_term_current", 1e6),
            new Numeric("constant_charge_current", "constant_charge_current", 1e6),
            new Numeric("constant_charge_current_max", "constant_charge_current_max", 1e6),
            new Numeric("constant_charge_voltage", "constant_charge_voltage", 1e6),
            new Numeric("constant_charge_voltage_max", "constant_charge_voltage_max", 1e6),
            new Numeric("precharge_current", "precharge_current", 1e6),
            new Numeric("input_current_limit", "input_current_limit", 1e6),
            new Numeric("power_now", "power_watt", 1e6),
            new Numeric("temp", "temp_celsius", 10),
            new Numeric("temp_alert_max", "temp_alert_max_celsius", 10),
            new Numeric("temp_alert_min", "temp_alert_min_celsius", 10),
            new Numeric("temp_ambient", "temp_ambient_celsius", 10),
            new Numeric("temp_ambient_max", "temp_ambient_max_celsius", 10),
            new Numeric("temp_ambient_min", "temp_ambient_min_celsius", 10),
            new Numeric("temp_max", "temp_max_celsius", 10),
            new Numeric("temp_min", "temp_min_celsius", 10));

    /** Textual attributes that become labels of node_power_supply_info (file name = label name). */
    private static final List<String> INFO = List.of("capacity_level", "charge_type", "health", "manufacturer",
            "model_name", "serial_number", "status", "technology", "type", "usb_type", "scope");

    private final CollectorContext ctx;
    private final Pattern ignored;

    private PowersupplyclassCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.ignored = ctx.flags().regexp(IGNORED);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        // The info metric's labels differ between supplies (a mains adapter has no technology), so
        // its family is built here rather than with fixed label names.
        GaugeSnapshot.Builder info = GaugeSnapshot.builder().name("node_power_supply_info")
                .help("info of /sys/class/power_supply/<power_supply>.");
        boolean any = false;
        for (PowerSupply ps : PowerSupply.read(ctx.sysfs())) {
            if (ignored != null && ignored.matcher(ps.name()).find()) {
                continue;
            }
            for (Numeric n : NUMERIC) {
                Long v = ps.number(n.file);
                if (v != null) {
                    sink.gauge("node_power_supply_" + n.metric,
                            n.metric + " value of /sys/class/power_supply/<power_supply>.", "power_supply")
                            .add(v / n.divisor, ps.name());
                }
            }
            List<String> names = new ArrayList<>(List.of("power_supply"));
            List<String> values = new ArrayList<>(List.of(ps.name()));
            for (String attr : INFO) {
                String v = ps.attributes().get(attr);
                if (v != null && !v.isEmpty()) {
                    names.add(attr);
                    values.add(v);
                }
            }
            info.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of(names, values)).value(1).build());
            any = true;
        }
        if (any) {
            sink.snapshot(info.build());
        }
    }
}
