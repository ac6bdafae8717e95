package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.DrmAmdgpuCard;

/**
 * node_exporter's {@code drm}: the amdgpu cards of {@code /sys/class/drm} (the only driver that
 * exposes these through DRM), their busy percentage and GTT/VRAM sizes and use. As upstream, a host
 * without such a card gives a successful scrape with no series. A counter that is not a number is
 * exported as 0, where upstream crashes (see {@link DrmAmdgpuCard}).
 */
public final class DrmCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("drm", false, DrmCollector::new);

    private static final String P = "node_drm_";

    private final CollectorContext ctx;

    private DrmCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (DrmAmdgpuCard c : DrmAmdgpuCard.read(ctx.sysfs())) {
            String card = c.name();
            sink.gauge(P + "card_info", "Card information", "card", "memory_vendor", "power_performance_level",
                    "unique_id", "vendor").add(1, card, c.memoryVramVendor(), c.powerDpmForcePerformanceLevel(),
                    c.uniqueId(), "amd");
            gauge(sink, "gpu_busy_percent", "How busy the GPU is as a percentage.", c.gpuBusyPercent(), card);
            gauge(sink, "memory_gtt_size_bytes", "The size of the graphics translation table (GTT) block in bytes.",
                    c.memoryGttSize(), card);
            gauge(sink, "memory_gtt_used_bytes",
                    "The used amount of the graphics translation table (GTT) block in bytes.", c.memoryGttUsed(), card);
            gauge(sink, "memory_vram_size_bytes", "The size of VRAM in bytes.", c.memoryVramSize(), card);
            gauge(sink, "memory_vram_used_bytes", "The used amount of VRAM in bytes.", c.memoryVramUsed(), card);
            gauge(sink, "memory_vis_vram_size_bytes", "The size of visible VRAM in bytes.",
                    c.memoryVisibleVramSize(), card);
            gauge(sink, "memory_vis_vram_used_bytes", "The used amount of visible VRAM in bytes.",
                    c.memoryVisibleVramUsed(), card);
        }
    }

    private static void gauge(MetricSink sink, String name, String help, long value, String card) {
        sink.gauge(P + name, help, "card").add(org.nodeprocessexporter.sysfs.SysfsFiles.unsignedToDouble(value), card);
    }
}
