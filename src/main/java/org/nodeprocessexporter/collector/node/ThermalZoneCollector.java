package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.ThermalZone;

/** node_exporter's {@code thermal_zone}: zone temperatures and cooling device states. */
public final class ThermalZoneCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("thermal_zone", true, ThermalZoneCollector::new);

    private final CollectorContext ctx;

    private ThermalZoneCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (ThermalZone.Zone z : ThermalZone.zones(ctx.sysfs())) {
            sink.gauge("node_thermal_zone_temp", "Zone temperature in Celsius", "zone", "type")
                    .add(z.temp() / 1000.0, z.zone(), z.type());
        }
        for (ThermalZone.CoolingDevice d : ThermalZone.coolingDevices(ctx.sysfs())) {
            MetricFamily cur = sink.gauge("node_cooling_device_cur_state", "Current throttle state of the cooling device",
                    "name", "type");
            MetricFamily max = sink.gauge("node_cooling_device_max_state", "Maximum throttle state of the cooling device",
                    "name", "type");
            cur.add(d.curState(), d.name(), d.type());
            max.add(d.maxState(), d.name(), d.type());
        }
    }
}
