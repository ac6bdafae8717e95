package org.nodeprocessexporter.collector;

import java.util.List;
import org.nodeprocessexporter.collector.node.BcacheCollector;
import org.nodeprocessexporter.collector.node.BondingCollector;
import org.nodeprocessexporter.collector.node.CpufreqCollector;
import org.nodeprocessexporter.collector.node.DiskstatsCollector;
import org.nodeprocessexporter.collector.node.DmiCollector;
import org.nodeprocessexporter.collector.node.EdacCollector;
import org.nodeprocessexporter.collector.node.FilesystemCollector;
import org.nodeprocessexporter.collector.node.HwmonCollector;
import org.nodeprocessexporter.collector.node.LoadavgCollector;
import org.nodeprocessexporter.collector.node.MdadmCollector;
import org.nodeprocessexporter.collector.node.MeminfoCollector;
import org.nodeprocessexporter.collector.node.NetclassCollector;
import org.nodeprocessexporter.collector.node.NvmeCollector;
import org.nodeprocessexporter.collector.node.PowersupplyclassCollector;
import org.nodeprocessexporter.collector.node.RaplCollector;
import org.nodeprocessexporter.collector.node.TextfileCollector;
import org.nodeprocessexporter.collector.node.ThermalZoneCollector;
import org.nodeprocessexporter.collector.node.TimeCollector;
import org.nodeprocessexporter.collector.node.UnameCollector;
import org.nodeprocessexporter.collector.node.XfsCollector;

/** Every collector the exporter has: adding one is one line here (keep it sorted by name). */
public final class CollectorCatalog {
    public static final List<CollectorSpec> ALL = List.of(
            BcacheCollector.SPEC,
            BondingCollector.SPEC,
            CpufreqCollector.SPEC,
            DiskstatsCollector.SPEC,
            DmiCollector.SPEC,
            EdacCollector.SPEC,
            FilesystemCollector.SPEC,
            HwmonCollector.SPEC,
            LoadavgCollector.SPEC,
            MdadmCollector.SPEC,
            MeminfoCollector.SPEC,
            NetclassCollector.SPEC,
            NvmeCollector.SPEC,
            PowersupplyclassCollector.SPEC,
            RaplCollector.SPEC,
            TextfileCollector.SPEC,
            ThermalZoneCollector.SPEC,
            TimeCollector.SPEC,
            UnameCollector.SPEC,
            XfsCollector.SPEC);

    private CollectorCatalog() {
    }
}
