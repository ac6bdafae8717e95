package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.procfs.GoNumbers;
import org.nodeprocessexporter.procfs.ShortRead;

/**
 * An amdgpu card of {@code /sys/class/drm/card[0-9]} and the attributes of its {@code device/}
 * that node_exporter's drm collector exports (Documentation/gpu/amdgpu/driver-misc.rst,
 * thermal.rst). As prometheus/procfs reads them: a card whose {@code device/uevent} does not name
 * {@code DRIVER=amdgpu} is left out, one whose uevent answers ENODATA skipped; a missing uevent or
 * a {@code device} link that does not resolve fails the whole read; an attribute that cannot be
 * read is 0 (or empty). Each file gets one read of {@value ShortRead#MAX} bytes, as upstream's.
 * A counter that is not a number is 0 too: upstream dereferences a nil pointer there and crashes.
 */
public record DrmAmdgpuCard(String name, long gpuBusyPercent, long memoryGttSize, long memoryGttUsed,
                            long memoryVisibleVramSize, long memoryVisibleVramUsed, long memoryVramSize,
                            long memoryVramUsed, String memoryVramVendor, String powerDpmForcePerformanceLevel,
                            String uniqueId) {

    public static List<DrmAmdgpuCard> read(Path sysRoot) throws IOException {
        List<DrmAmdgpuCard> out = new ArrayList<>();
        for (Path card : SysfsFiles.list(sysRoot.resolve("class/drm"), "card[0-9]")) {
            String uevent;
            try {
                uevent = ShortRead.read(card.resolve("device/uevent"));
            } catch (ShortRead.Failure e) {
                if (e.errno() == ShortRead.ENODATA) {
                    continue;
                }
                throw e;
            }
            if (!uevent.contains("DRIVER=amdgpu")) {
                continue;
            }
            card.resolve("device").toRealPath(); // as upstream, a card whose device does not resolve fails the read
            Path dev = card.resolve("device");
            out.add(new DrmAmdgpuCard(card.getFileName().toString(), counter(dev, "gpu_busy_percent"),
                    counter(dev, "mem_info_gtt_total"), counter(dev, "mem_info_gtt_used"),
                    counter(dev, "mem_info_vis_vram_total"), counter(dev, "mem_info_vis_vram_used"),
                    counter(dev, "mem_info_vram_total"), counter(dev, "mem_info_vram_used"),
                    text(dev, "mem_info_vram_vendor"), text(dev, "power_dpm_force_performance_level"),
                    text(dev, "unique_id")));
        }
        return out;
    }

    private static String text(Path dev, String attribute) {
        try {
            String v = ShortRead.readOrNull(dev.resolve(attribute));
            return v == null ? "" : v;
        } catch (IOException e) {
            return "";
        }
    }

    private static long counter(Path dev, String attribute) {
        String v = text(dev, attribute);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return GoNumbers.parseUint(v, 0, 64);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
