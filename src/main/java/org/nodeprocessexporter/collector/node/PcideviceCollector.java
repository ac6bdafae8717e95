package org.nodeprocessexporter.collector.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.rootfs.PciIds;
import org.nodeprocessexporter.sysfs.PciDevice;

/**
 * node_exporter's {@code pcidevice}: every function of {@code /sys/bus/pci/devices} with its ids,
 * parent, link speed and width, SR-IOV counts, power state and NUMA node. With
 * {@code --collector.pcidevice.names} the info series also carries the vendor, device, subsystem
 * and class names from {@code pci.ids} ({@code --collector.pcidevice.idsfile}, else
 * {@code /usr/share/misc/pci.ids} or {@code /usr/share/hwdata/pci.ids}, absolute paths as upstream;
 * no file gives the ids themselves as names). Where upstream keeps the whole file in memory from
 * start-up, the file is read at the first scrape and again only when a device with ids not seen
 * yet appears, and only the names of the host's devices are kept; the names are the same.
 */
public final class PcideviceCollector implements Collector {
    static final String IDS_FILE = "collector.pcidevice.idsfile";
    static final String NAMES = "collector.pcidevice.names";

    public static final CollectorSpec SPEC = CollectorSpec.of("pcidevice", false, PcideviceCollector::new,
            Flag.string(IDS_FILE, "", "Path to pci.ids file to use for PCI device identification."),
            Flag.bool(NAMES, false, "Enable PCI device name resolution (requires pci.ids file)."));

    private static final String P = "node_pcidevice_";
    // instance fields, not static: a collector that is off builds nothing but its SPEC
    private final String[] location = {"segment", "bus", "device", "function"};
    private final String[] infoBase = {"segment", "bus", "device", "function", "parent_segment", "parent_bus",
        "parent_device", "parent_function", "class_id", "vendor_id", "device_id", "subsystem_vendor_id",
        "subsystem_device_id", "revision"};
    private final String[] nameLabels = {"vendor_name", "device_name", "subsystem_vendor_name",
        "subsystem_device_name", "class_name"};
    private final String[] noParent = {"*", "*", "*", "*"};
    private final String[] powerStates = {"D0", "D1", "D2", "D3hot", "D3cold", "unknown", "error"};
    private final List<Path> defaultIds = List.of(Path.of("/usr/share/misc/pci.ids"),
            Path.of("/usr/share/hwdata/pci.ids"));

    private final CollectorContext ctx;
    private final boolean names;
    private final String idsFile;
    private final String[] infoLabels;
    private PciIds ids = PciIds.empty();
    private final Set<String> loadedVendors = new HashSet<>();
    private final Set<String> loadedDevices = new HashSet<>();

    private PcideviceCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.names = ctx.flags().bool(NAMES);
        this.idsFile = ctx.flags().string(IDS_FILE);
        List<String> labels = new ArrayList<>(List.of(infoBase));
        if (names) {
            labels.addAll(List.of(nameLabels));
        }
        this.infoLabels = labels.toArray(String[]::new);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<PciDevice> devices;
        try {
            devices = PciDevice.read(ctx.sysfs());
        } catch (NoSuchFileException e) {
            throw new NoDataException("PCI device not found, skipping");
        }
        if (names) {
            loadNamesFor(devices);
        }
        for (PciDevice d : devices) {
            emit(sink, d);
        }
    }

    private void emit(MetricSink sink, PciDevice d) {
        String[] loc = d.location().labels();
        String classId = String.format("0x%06x", Integer.toUnsignedLong(d.pciClass()));
        String vendorId = hex4(d.vendor());
        String deviceId = hex4(d.device());
        String subVendorId = hex4(d.subsystemVendor());
        String subDeviceId = hex4(d.subsystemDevice());
        List<String> info = new ArrayList<>(List.of(loc));
        info.addAll(List.of(d.parent() == null ? noParent : d.parent().labels()));
        info.addAll(List.of(classId, vendorId, deviceId, subVendorId, subDeviceId,
                String.format("0x%02x", Integer.toUnsignedLong(d.revision()))));
        if (names) {
            String v = bare(vendorId);
            String dev = bare(deviceId);
            info.addAll(List.of(ids.vendorName(v), ids.deviceName(v, dev), ids.vendorName(bare(subVendorId)),
                    ids.subsystemName(v, dev, bare(subVendorId), bare(subDeviceId)), ids.className(bare(classId))));
        }
        sink.gauge(P + "info", "Non-numeric data from /sys/bus/pci/devices/<location>, value is always 1.", infoLabels)
                .add(1, info.toArray(String[]::new));

        gauge(sink, "max_link_transfers_per_second", "Value of maximum link's transfers per second (T/s)",
                d.maxLinkSpeed() == null ? -1 : d.maxLinkSpeed() * 1e9, loc);
        gauge(sink, "max_link_width", "Value of maximum link's width (number of lanes)",
                d.maxLinkWidth() == null ? -1 : d.maxLinkWidth(), loc);
        gauge(sink, "current_link_transfers_per_second", "Value of current link's transfers per second (T/s)",
                d.currentLinkSpeed() == null ? -1 : d.currentLinkSpeed() * 1e9, loc);
        gauge(sink, "current_link_width", "Value of current link's width (number of lanes)",
                d.currentLinkWidth() == null ? -1 : d.currentLinkWidth(), loc);
        gauge(sink, "d3cold_allowed", "Whether the PCIe device supports D3cold power state (0/1).",
                Boolean.TRUE.equals(d.d3coldAllowed()) ? 1 : 0, loc);
        gauge(sink, "sriov_drivers_autoprobe", "Whether SR-IOV drivers autoprobe is enabled for the device (0/1).",
                Boolean.TRUE.equals(d.sriovDriversAutoprobe()) ? 1 : 0, loc);
        gauge(sink, "sriov_numvfs", "Number of Virtual Functions (VFs) currently enabled for SR-IOV.",
                d.sriovNumvfs() == null ? 0 : d.sriovNumvfs(), loc);
        gauge(sink, "sriov_totalvfs", "Total number of Virtual Functions (VFs) supported by the device.",
                d.sriovTotalvfs() == null ? 0 : d.sriovTotalvfs(), loc);
        gauge(sink, "sriov_vf_total_msix", "Total number of MSI-X vectors for Virtual Functions.",
                d.sriovVfTotalMsix() == null ? 0 : org.nodeprocessexporter.sysfs.SysfsFiles.unsignedToDouble(
                        d.sriovVfTotalMsix()), loc);
        if (d.powerState() != null) {
            var family = sink.gauge(P + "power_state",
                    "PCIe device power state, one of: D0, D1, D2, D3hot, D3cold, unknown or error.", "segment", "bus",
                    "device", "function", "state");
            for (String state : powerStates) {
                family.add(state.equals(d.powerState()) ? 1 : 0, loc[0], loc[1], loc[2], loc[3], state);
            }
        }
        if (d.numaNode() != null && d.numaNode() != -1) {
            gauge(sink, "numa_node", "NUMA node number for the PCI device. -1 indicates unknown or not available.",
                    d.numaNode(), loc);
        }
    }

    private void gauge(MetricSink sink, String name, String help, double value, String[] loc) {
        sink.gauge(P + name, help, location).add(value, loc);
    }

    private static String hex4(int id) {
        return String.format("0x%04x", Integer.toUnsignedLong(id));
    }

    /** An id as the names are keyed: lower case, without {@code 0x}. */
    private static String bare(String id) {
        return id.substring(2);
    }

    /** Reads the names of these devices' vendors and devices unless every one was asked for already. */
    private void loadNamesFor(List<PciDevice> devices) {
        Set<String> vendors = new HashSet<>();
        Set<String> deviceKeys = new HashSet<>();
        for (PciDevice d : devices) {
            String v = bare(hex4(d.vendor()));
            vendors.add(v);
            vendors.add(bare(hex4(d.subsystemVendor())));
            deviceKeys.add(v + ":" + bare(hex4(d.device())));
        }
        if (loadedVendors.containsAll(vendors) && loadedDevices.containsAll(deviceKeys)) {
            return;
        }
        loadedVendors.addAll(vendors);
        loadedDevices.addAll(deviceKeys);
        ids = readIds(loadedVendors, loadedDevices);
    }

    private PciIds readIds(Set<String> vendors, Set<String> deviceKeys) {
        List<Path> candidates = idsFile.isEmpty() ? defaultIds : List.of(Path.of(idsFile));
        for (Path file : candidates) {
            // a decoding reader, not Files.newBufferedReader: a stray byte must not end the read
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8))) {
                Log.debug("Loading PCI IDs", "collector", "pcidevice", "file", file);
                return PciIds.read(in, vendors, deviceKeys);
            } catch (IOException e) {
                Log.debug("Failed to open PCI IDs file", "collector", "pcidevice", "file", file, "err", e.getMessage());
            }
        }
        return PciIds.empty();
    }
}
