package org.nodeprocessexporter.collector.node;

import java.nio.file.AccessDeniedException;
import java.util.List;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.Slabinfo;

/**
 * node_exporter's {@code slabinfo} (off by default): five gauges per kernel slab cache of {@code
 * /proc/slabinfo}, for the caches whose name matches {@code --collector.slabinfo.slabs-include}
 * (default {@code .*}) and not {@code --collector.slabinfo.slabs-exclude}. Both filters apply
 * together, as upstream's: unlike the device filters of other collectors the include flag has a
 * default, so giving both is the normal case and is not refused.
 *
 * <p>Differs from upstream in one thing: {@code /proc/slabinfo} is readable by root only, and an
 * exporter that cannot read it reports "no data" (logged at debug) instead of an error every scrape.
 */
public final class SlabinfoCollector implements Collector {
    static final String INCLUDE = "collector.slabinfo.slabs-include";
    static final String EXCLUDE = "collector.slabinfo.slabs-exclude";

    public static final CollectorSpec SPEC = CollectorSpec.of("slabinfo", false, SlabinfoCollector::new,
            Flag.regexp(INCLUDE, ".*", "Regexp of slabs to include in slabinfo collector."),
            Flag.regexp(EXCLUDE, "", "Regexp of slabs to exclude in slabinfo collector."));

    private static final String[] LABELS = {"slab"};

    private final CollectorContext ctx;
    private final DeviceFilter filter;
    private final ProcFile file = new ProcFile(32768);

    private SlabinfoCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.filter = new DeviceFilter(ctx.flags().regexp(EXCLUDE), ctx.flags().regexp(INCLUDE));
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<Slabinfo.Slab> slabs;
        try {
            slabs = Slabinfo.read(file, ctx.procfs());
        } catch (AccessDeniedException e) {
            throw new NoDataException("/proc/slabinfo is readable by root only: " + e.getMessage());
        }
        emit(sink, slabs);
    }

    private void emit(MetricSink sink, List<Slabinfo.Slab> slabs) {
        MetricFamily active = sink.gauge("node_slabinfo_active_objects",
                "The number of objects that are currently active (i.e., in use).", LABELS);
        MetricFamily objects = sink.gauge("node_slabinfo_objects",
                "The total number of allocated objects (i.e., objects that are both in use and not in use).", LABELS);
        MetricFamily size = sink.gauge("node_slabinfo_object_size_bytes",
                "The size of objects in this slab, in bytes.", LABELS);
        MetricFamily perSlab = sink.gauge("node_slabinfo_objects_per_slab",
                "The number of objects stored in each slab.", LABELS);
        MetricFamily pages = sink.gauge("node_slabinfo_pages_per_slab",
                "The number of pages allocated for each slab.", LABELS);
        for (Slabinfo.Slab s : slabs) {
            if (filter.ignored(s.name())) {
                continue;
            }
            active.add(s.activeObjects(), s.name());
            objects.add(s.objects(), s.name());
            size.add(s.objectSize(), s.name());
            perSlab.add(s.objectsPerSlab(), s.name());
            pages.add(s.pagesPerSlab(), s.name());
        }
    }
}
