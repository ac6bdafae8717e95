package org.nodeprocessexporter.collector;

import java.util.List;
import org.nodeprocessexporter.collector.node.ArpCollector;
import org.nodeprocessexporter.collector.node.BcacheCollector;
import org.nodeprocessexporter.collector.node.BcachefsCollector;
import org.nodeprocessexporter.collector.node.BondingCollector;
import org.nodeprocessexporter.collector.node.BtrfsCollector;
import org.nodeprocessexporter.collector.node.BuddyinfoCollector;
import org.nodeprocessexporter.collector.node.CgroupsCollector;
import org.nodeprocessexporter.collector.node.ConntrackCollector;
import org.nodeprocessexporter.collector.node.CpuCollector;
import org.nodeprocessexporter.collector.node.CpuVulnerabilitiesCollector;
import org.nodeprocessexporter.collector.node.CpufreqCollector;
import org.nodeprocessexporter.collector.node.DiskstatsCollector;
import org.nodeprocessexporter.collector.node.DmiCollector;
import org.nodeprocessexporter.collector.node.DmmultipathCollector;
import org.nodeprocessexporter.collector.node.DrbdCollector;
import org.nodeprocessexporter.collector.node.DrmCollector;
import org.nodeprocessexporter.collector.node.EdacCollector;
import org.nodeprocessexporter.collector.node.EntropyCollector;
import org.nodeprocessexporter.collector.node.EthtoolCollector;
import org.nodeprocessexporter.collector.node.FibrechannelCollector;
import org.nodeprocessexporter.collector.node.FilefdCollector;
import org.nodeprocessexporter.collector.node.FilesystemCollector;
import org.nodeprocessexporter.collector.node.HwmonCollector;
import org.nodeprocessexporter.collector.node.InfinibandCollector;
import org.nodeprocessexporter.collector.node.InterruptsCollector;
import org.nodeprocessexporter.collector.node.IpvsCollector;
import org.nodeprocessexporter.collector.node.KernelHungCollector;
import org.nodeprocessexporter.collector.node.KsmdCollector;
import org.nodeprocessexporter.collector.node.LnstatCollector;
import org.nodeprocessexporter.collector.node.LoadavgCollector;
import org.nodeprocessexporter.collector.node.LogindCollector;
import org.nodeprocessexporter.collector.node.MdadmCollector;
import org.nodeprocessexporter.collector.node.MeminfoCollector;
import org.nodeprocessexporter.collector.node.MeminfoNumaCollector;
import org.nodeprocessexporter.collector.node.MountstatsCollector;
import org.nodeprocessexporter.collector.node.NetclassCollector;
import org.nodeprocessexporter.collector.node.NetdevCollector;
import org.nodeprocessexporter.collector.node.NetstatCollector;
import org.nodeprocessexporter.collector.node.NetworkRouteCollector;
import org.nodeprocessexporter.collector.node.NfsCollector;
import org.nodeprocessexporter.collector.node.NfsdCollector;
import org.nodeprocessexporter.collector.node.NtpCollector;
import org.nodeprocessexporter.collector.node.NvmeCollector;
import org.nodeprocessexporter.collector.node.NvmesubsystemCollector;
import org.nodeprocessexporter.collector.node.OsCollector;
import org.nodeprocessexporter.collector.node.PcideviceCollector;
import org.nodeprocessexporter.collector.node.PerfCollector;
import org.nodeprocessexporter.collector.node.PowersupplyclassCollector;
import org.nodeprocessexporter.collector.node.PressureCollector;
import org.nodeprocessexporter.collector.node.ProcessesCollector;
import org.nodeprocessexporter.collector.node.QdiscCollector;
import org.nodeprocessexporter.collector.node.RaplCollector;
import org.nodeprocessexporter.collector.node.RunitCollector;
import org.nodeprocessexporter.collector.node.SchedstatCollector;
import org.nodeprocessexporter.collector.node.SelinuxCollector;
import org.nodeprocessexporter.collector.node.SlabinfoCollector;
import org.nodeprocessexporter.collector.node.SockstatCollector;
import org.nodeprocessexporter.collector.node.SoftirqsCollector;
import org.nodeprocessexporter.collector.node.SoftnetCollector;
import org.nodeprocessexporter.collector.node.StatCollector;
import org.nodeprocessexporter.collector.node.SupervisordCollector;
import org.nodeprocessexporter.collector.node.SwapCollector;
import org.nodeprocessexporter.collector.node.SysctlCollector;
import org.nodeprocessexporter.collector.node.SystemdCollector;
import org.nodeprocessexporter.collector.node.TapestatsCollector;
import org.nodeprocessexporter.collector.node.TcpstatCollector;
import org.nodeprocessexporter.collector.node.TextfileCollector;
import org.nodeprocessexporter.collector.node.ThermalZoneCollector;
import org.nodeprocessexporter.collector.node.TimeCollector;
import org.nodeprocessexporter.collector.node.TimexCollector;
import org.nodeprocessexporter.collector.node.UdpQueuesCollector;
import org.nodeprocessexporter.collector.node.UnameCollector;
import org.nodeprocessexporter.collector.node.VmstatCollector;
import org.nodeprocessexporter.collector.node.WatchdogCollector;
import org.nodeprocessexporter.collector.node.WifiCollector;
import org.nodeprocessexporter.collector.node.XfrmCollector;
import org.nodeprocessexporter.collector.node.XfsCollector;
import org.nodeprocessexporter.collector.node.ZfsCollector;
import org.nodeprocessexporter.collector.node.ZoneinfoCollector;
import org.nodeprocessexporter.collector.process.ProcessDetailCollector;

/** Every collector the exporter has: adding one is one line here (keep it sorted by name). */
public final class CollectorCatalog {
    public static final List<CollectorSpec> ALL = List.of(
            ArpCollector.SPEC,
            BcacheCollector.SPEC,
            BcachefsCollector.SPEC,
            BondingCollector.SPEC,
            BtrfsCollector.SPEC,
            BuddyinfoCollector.SPEC,
            CgroupsCollector.SPEC,
            ConntrackCollector.SPEC,
            CpuCollector.SPEC,
            CpufreqCollector.SPEC,
            CpuVulnerabilitiesCollector.SPEC,
            DiskstatsCollector.SPEC,
            DmiCollector.SPEC,
            DmmultipathCollector.SPEC,
            DrbdCollector.SPEC,
            DrmCollector.SPEC,
            EdacCollector.SPEC,
            EntropyCollector.SPEC,
            EthtoolCollector.SPEC,
            FibrechannelCollector.SPEC,
            FilefdCollector.SPEC,
            FilesystemCollector.SPEC,
            HwmonCollector.SPEC,
            InfinibandCollector.SPEC,
            InterruptsCollector.SPEC,
            IpvsCollector.SPEC,
            KernelHungCollector.SPEC,
            KsmdCollector.SPEC,
            LnstatCollector.SPEC,
            LoadavgCollector.SPEC,
            LogindCollector.SPEC,
            MdadmCollector.SPEC,
            MeminfoCollector.SPEC,
            MeminfoNumaCollector.SPEC,
            MountstatsCollector.SPEC,
            NetclassCollector.SPEC,
            NetdevCollector.SPEC,
            NetstatCollector.SPEC,
            NetworkRouteCollector.SPEC,
            NfsCollector.SPEC,
            NfsdCollector.SPEC,
            NtpCollector.SPEC,
            NvmeCollector.SPEC,
            NvmesubsystemCollector.SPEC,
            OsCollector.SPEC,
            PcideviceCollector.SPEC,
            PerfCollector.SPEC,
            PowersupplyclassCollector.SPEC,
            PressureCollector.SPEC,
            ProcessDetailCollector.SPEC,
            ProcessesCollector.SPEC,
            QdiscCollector.SPEC,
            RaplCollector.SPEC,
            RunitCollector.SPEC,
            SchedstatCollector.SPEC,
            SelinuxCollector.SPEC,
            SlabinfoCollector.SPEC,
            SockstatCollector.SPEC,
            SoftirqsCollector.SPEC,
            SoftnetCollector.SPEC,
            StatCollector.SPEC,
            SupervisordCollector.SPEC,
            SwapCollector.SPEC,
            SysctlCollector.SPEC,
            SystemdCollector.SPEC,
            TapestatsCollector.SPEC,
            TcpstatCollector.SPEC,
            TextfileCollector.SPEC,
            ThermalZoneCollector.SPEC,
            TimeCollector.SPEC,
            TimexCollector.SPEC,
            UdpQueuesCollector.SPEC,
            UnameCollector.SPEC,
            VmstatCollector.SPEC,
            WatchdogCollector.SPEC,
            WifiCollector.SPEC,
            XfrmCollector.SPEC,
            XfsCollector.SPEC,
            ZfsCollector.SPEC,
            ZoneinfoCollector.SPEC);

    private CollectorCatalog() {
    }
}
