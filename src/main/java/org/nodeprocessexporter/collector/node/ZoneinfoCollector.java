package org.nodeprocessexporter.collector.node;

import java.util.List;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.Zoneinfo;

/**
 * node_exporter's {@code zoneinfo} (off by default): per node and zone, the page counts, watermarks
 * and NUMA allocation counters of {@code /proc/zoneinfo}, and the {@code protection} array as
 * {@code node_zoneinfo_protection_<i>}. Values the kernel keeps per node (most {@code nr_*} since
 * Linux 4.8) carry the labels of the node's first zone, in whose block the kernel prints them, as
 * upstream's; a zone emits only the values its block has.
 */
public final class ZoneinfoCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("zoneinfo", false, ZoneinfoCollector::new);

    /** One metric per {@link Zoneinfo#KEYS} entry, in the same order. */
    private record Metric(String key, String name, String help, boolean counter) {
    }

    private static List<Metric> metrics() {
        return List.of(
                gauge("nr_free_pages", "nr_free_pages", "Total number of free pages in the zone"),
                gauge("min", "min_pages", "Zone watermark pages_min"),
                gauge("low", "low_pages", "Zone watermark pages_low"),
                gauge("high", "high_pages", "Zone watermark pages_high"),
                gauge("scanned", "scanned_pages", "Pages scanned since last reclaim"),
                gauge("spanned", "spanned_pages", "Total pages spanned by the zone, including holes"),
                gauge("present", "present_pages", "Physical pages existing within the zone"),
                gauge("managed", "managed_pages", "Present pages managed by the buddy system"),
                gauge("nr_active_anon", "nr_active_anon_pages", "Number of anonymous pages recently more used"),
                gauge("nr_inactive_anon", "nr_inactive_anon_pages", "Number of anonymous pages recently less used"),
                gauge("nr_isolated_anon", "nr_isolated_anon_pages", "Temporary isolated pages from anon lru"),
                gauge("nr_anon_pages", "nr_anon_pages", "Number of anonymous pages currently used by the system"),
                gauge("nr_anon_transparent_hugepages", "nr_anon_transparent_hugepages",
                        "Number of anonymous transparent huge pages currently used by the system"),
                gauge("nr_active_file", "nr_active_file_pages", "Number of active pages with file-backing"),
                gauge("nr_inactive_file", "nr_inactive_file_pages", "Number of inactive pages with file-backing"),
                gauge("nr_isolated_file", "nr_isolated_file_pages", "Temporary isolated pages from file lru"),
                gauge("nr_file_pages", "nr_file_pages", "Number of file pages"),
                gauge("nr_slab_reclaimable", "nr_slab_reclaimable_pages", "Number of reclaimable slab pages"),
                gauge("nr_slab_unreclaimable", "nr_slab_unreclaimable_pages", "Number of unreclaimable slab pages"),
                gauge("nr_mlock_stack", "nr_mlock_stack_pages", "mlock()ed pages found and moved off LRU"),
                gauge("nr_kernel_stack", "nr_kernel_stacks", "Number of kernel stacks"),
                gauge("nr_mapped", "nr_mapped_pages", "Number of mapped pages"),
                gauge("nr_dirty", "nr_dirty_pages", "Number of dirty pages"),
                gauge("nr_writeback", "nr_writeback_pages", "Number of writeback pages"),
                gauge("nr_unevictable", "nr_unevictable_pages", "Number of unevictable pages"),
                gauge("nr_shmem", "nr_shmem_pages", "Number of shmem pages (included tmpfs/GEM pages)"),
                counter("nr_dirtied", "nr_dirtied_total", "Page dirtyings since bootup"),
                counter("nr_written", "nr_written_total", "Page writings since bootup"),
                counter("numa_hit", "numa_hit_total", "Allocated in intended node"),
                counter("numa_miss", "numa_miss_total", "Allocated in non intended node"),
                counter("numa_foreign", "numa_foreign_total", "Was intended here, hit elsewhere"),
                counter("numa_interleave", "numa_interleave_total", "Interleaver preferred this zone"),
                counter("numa_local", "numa_local_total", "Allocation from local node"),
                counter("numa_other", "numa_other_total", "Allocation from other node"));
    }

    private static Metric gauge(String key, String name, String help) {
        return new Metric(key, "node_zoneinfo_" + name, help, false);
    }

    private static Metric counter(String key, String name, String help) {
        return new Metric(key, "node_zoneinfo_" + name, help, true);
    }

    private final CollectorContext ctx;
    private final ProcFile file = new ProcFile(16384);
    private final List<Metric> metrics = metrics();

    private ZoneinfoCollector(CollectorContext ctx) {
        this.ctx = ctx;
        for (int i = 0; i < metrics.size(); i++) {
            if (!metrics.get(i).key().equals(Zoneinfo.KEYS.get(i))) {
                throw new IllegalStateException("zoneinfo metric " + i + " is not for key " + Zoneinfo.KEYS.get(i));
            }
        }
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<Zoneinfo.Zone> zones = Zoneinfo.read(file, ctx.procfs());
        for (Zoneinfo.Zone z : zones) {
            for (int i = 0; i < metrics.size(); i++) {
                if (z.has(i)) {
                    Metric m = metrics.get(i);
                    (m.counter() ? sink.counter(m.name(), m.help(), "node", "zone")
                            : sink.gauge(m.name(), m.help(), "node", "zone")).add(z.values()[i], z.node(), z.zone());
                }
            }
            long[] protection = z.protection();
            if (protection != null) {
                for (int i = 0; i < protection.length; i++) {
                    sink.gauge("node_zoneinfo_protection_" + i, "Protection array " + i + ". field", "node", "zone")
                            .add(protection[i], z.node(), z.zone());
                }
            }
        }
    }
}
