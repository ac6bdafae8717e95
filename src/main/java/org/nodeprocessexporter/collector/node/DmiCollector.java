package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.Dmi;

/**
 * node_exporter's {@code dmi}: one info metric labelled with the firmware's description of the
 * machine, read once at start-up since it cannot change before the next boot.
 */
public final class DmiCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("dmi", true, DmiCollector::new);

    private static final String HELP = "A metric with a constant '1' value labeled by bios_date, bios_release, "
            + "bios_vendor, bios_version, board_asset_tag, board_name, board_serial, board_vendor, board_version, "
            + "chassis_asset_tag, chassis_serial, chassis_vendor, chassis_version, product_family, product_name, "
            + "product_serial, product_sku, product_uuid, product_version, system_vendor if provided by DMI.";

    private final String[] labels;
    private final String[] values;

    private DmiCollector(CollectorContext ctx) throws Exception {
        Map<String, String> dmi = Dmi.read(ctx.sysfs());
        labels = dmi.keySet().toArray(String[]::new);
        values = dmi.values().toArray(String[]::new);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (values.length == 0) {
            throw new NoDataException("platform does not provide DMI information");
        }
        sink.gauge("node_dmi_info", HELP, labels).add(1, values);
    }
}
