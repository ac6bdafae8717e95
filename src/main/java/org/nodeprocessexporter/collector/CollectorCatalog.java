package org.nodeprocessexporter.collector;

import java.util.List;
import org.nodeprocessexporter.collector.node.ArpCollector;
import org.nodeprocessexporter.collector.node.BcacheCollector;
import org.nodeprocessexporter.collector.node.BcachefsCollector;
import org.nodeprocessexporter.collector.node.BondingCollector;
import org.nodeprocessexporter.collector.node.BtrfsCollector;
import org.nodeprocessexporter.collector.node.ConntrackCollector;
import org.nodeprocessexporter.collector.node.CpuCollector;
import org.nodeprocessexporter.collector.node.CpufreqCollector;
import org.nodeprocessexporter.collector.node.DiskstatsCollector;
import org.nodeprocessexporter.collector.node.DmmultipathCollector;
import org.nodeprocessexporter.collector.node.DmiCollector;
import org.nodeprocessexporter.collector.node.EdacCollector;
import org.nodeprocessexporter.collector.node.EntropyCollector;
import org.nodeprocessexporter.collector.node.FibrechannelCollector;
import org.nodeprocessexporter.collector.node.FilefdCollector;
import org.nodeprocessexporter.collector.node.FilesystemCollector;
import org.nodeprocessexporter.collector.node.HwmonCollector;
import org.nodeprocessexporter.collector.node.InfinibandCollector;
import org.nodeprocessexporter.collector.node.IpvsCollector;
import org.nodeprocessexporter.collector.node.KernelHungCollector;
import org.nodeprocessexporter.collector.node.LoadavgCollector;
import org.nodeprocessexporter.collector.node.LogindCollector;
import org.nodeprocessexporter.collector.node.MdadmCollector;
import org.nodeprocessexporter.collector.node.MeminfoCollector;
import org.nodeprocessexporter.collector.node.NetclassCollector;
import org.nodeprocessexporter.collector.node.NetdevCollector;
import org.nodeprocessexporter.collector.node.NetstatCollector;
import org.nodeprocessexporter.collector.node.NfsCollector;
import org.nodeprocessexporter.collector.node.NfsdCollector;
import org.nodeprocessexporter.collector.node.NvmeCollector;
import org.nodeprocessexporter.collector.node.OsCollector;
import org.nodeprocessexporter.collector.node.PowersupplyclassCollector;
import org.nodeprocessexporter.collector.node.PressureCollector;
import org.nodeprocessexporter.collector.node.RaplCollector;
import org.nodeprocessexporter.collector.node.SchedstatCollector;
import org.nodeprocessexporter.collector.node.SelinuxCollector;
import org.nodeprocessexporter.collector.node.SockstatCollector;
import org.nodeprocessexporter.collector.node.SoftnetCollector;
import org.nodeprocessexporter.collector.node.StatCollector;
import org.nodeprocessexporter.collector.node.SystemdCollector;
import org.nodeprocessexporter.collector.node.TapestatsCollector;
import org.nodeprocessexporter.collector.node.TextfileCollector;
import org.nodeprocessexporter.collector.node.ThermalZoneCollector;
import org.nodeprocessexporter.collector.node.TimeCollector;
import org.nodeprocessexporter.collector.node.TimexCollector;
import org.nodeprocessexporter.collector.node.UdpQueuesCollector;
import org.nodeprocessexporter.collector.node.UnameCollector;
import org.nodeprocessexporter.collector.node.VmstatCollector;
import org.nodeprocessexporter.collector.node.WatchdogCollector;
import org.nodeprocessexporter.collector.node.XfsCollector;
import org.nodeprocessexporter.collector.node.ZfsCollector;
import org.nodeprocessexporter.collector.process.ProcessDetailCollector;

/** Every collector the exporter has: adding one is one line here (keep it sorted by name). */
public final class CollectorCatalog {
    public static final List<CollectorSpec> ALL = List.of(
            ArpCollector.SPEC,
            BcacheCollector.SPEC,
            BcachefsCollector.SPEC,
            BondingCollector.SPEC,
            BtrfsCollector.SPEC,
            ConntrackCollector.SPEC,
            CpuCollector.SPEC,
            CpufreqCollector.SPEC,
            DiskstatsCollector.SPEC,
            DmmultipathCollector.SPEC,
            DmiCollector.SPEC,
            EdacCollector.SPEC,
            EntropyCollector.SPEC,
            FibrechannelCollector.SPEC,
            FilefdCollector.SPEC,
            FilesystemCollector.SPEC,
            HwmonCollector.SPEC,
            InfinibandCollector.SPEC,
            IpvsCollector.SPEC,
            KernelHungCollector.SPEC,
            LoadavgCollector.SPEC,
            LogindCollector.SPEC,
            MdadmCollector.SPEC,
            MeminfoCollector.SPEC,
            NetclassCollector.SPEC,
            NetdevCollector.SPEC,
            NetstatCollector.SPEC,
            NfsCollector.SPEC,
            NfsdCollector.SPEC,
            NvmeCollector.SPEC,
            OsCollector.SPEC,
            PowersupplyclassCollector.SPEC,
            PressureCollector.SPEC,
            ProcessDetailCollector.SPEC,
            RaplCollector.SPEC,
            SchedstatCollector.SPEC,
            SelinuxCollector.SPEC,
            SockstatCollector.SPEC,
            SoftnetCollector.SPEC,
            StatCollector.SPEC,
            SystemdCollector.SPEC,
            TapestatsCollector.SPEC,
            TextfileCollector.SPEC,
            ThermalZoneCollector.SPEC,
            TimeCollector.SPEC,
            TimexCollector.SPEC,
            UdpQueuesCollector.SPEC,
            UnameCollector.SPEC,
            VmstatCollector.SPEC,
            WatchdogCollector.SPEC,
            XfsCollector.SPEC,
            ZfsCollector.SPEC);

    private CollectorCatalog() {
    }
}
