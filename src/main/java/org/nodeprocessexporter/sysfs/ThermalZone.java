package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /sys/class/thermal} (Documentation/driver-api/thermal/sysfs-api.rst): thermal zones with
 * their temperature in millidegrees Celsius, and cooling devices with their throttle states.
 */
public final class ThermalZone {
    private ThermalZone() {
    }

    /** @param zone the N of thermal_zoneN; temp in millidegrees Celsius */
    public record Zone(String zone, String type, long temp) {
    }

    /** @param name the N of cooling_deviceN */
    public record CoolingDevice(String name, String type, long curState, long maxState) {
    }

    /** Zones whose temperature can be read (a sensor that is asleep or broken is skipped). */
    public static List<Zone> zones(Path sysRoot) throws IOException {
        List<Zone> out = new ArrayList<>();
        for (Path z : SysfsFiles.list(sysRoot.resolve("class/thermal"), "thermal_zone*")) {
            Long temp = SysfsFiles.optionalLong(z.resolve("temp"));
            String type = SysfsFiles.optional(z.resolve("type"));
            if (temp != null && type != null) {
                out.add(new Zone(z.getFileName().toString().substring("thermal_zone".length()), type, temp));
            }
        }
        return out;
    }

    public static List<CoolingDevice> coolingDevices(Path sysRoot) throws IOException {
        List<CoolingDevice> out = new ArrayList<>();
        for (Path d : SysfsFiles.list(sysRoot.resolve("class/thermal"), "cooling_device*")) {
            Long cur = SysfsFiles.optionalLong(d.resolve("cur_state"));
            Long max = SysfsFiles.optionalLong(d.resolve("max_state"));
            String type = SysfsFiles.optional(d.resolve("type"));
            if (cur != null && max != null && type != null) {
                out.add(new CoolingDevice(d.getFileName().toString().substring("cooling_device".length()), type, cur,
                        max));
            }
        }
        return out;
    }
}
