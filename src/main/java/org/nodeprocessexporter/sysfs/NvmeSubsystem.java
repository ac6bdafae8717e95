package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.procfs.ShortRead;

/**
 * An NVMe subsystem of {@code /sys/class/nvme-subsystem/nvme-subsys*} (Documentation/ABI/testing/
 * sysfs-class-nvme): its identity, its controllers (the {@code nvmeN} entries, each a path to the
 * subsystem, with state, transport and address) and its namespaces (the {@code nvmeNnM} entries).
 * As prometheus/procfs reads it: every attribute must be there, a missing one fails the read with
 * {@link NoSuchFileException}; each gets one read of {@value ShortRead#MAX} bytes.
 */
public record NvmeSubsystem(String name, String nqn, String model, String serial, String ioPolicy,
                            List<Controller> controllers, List<String> namespaces) {

    public record Controller(String name, String state, String transport, String address) {
    }

    /** Every subsystem, sorted by name; {@link NoSuchFileException} when the class directory is missing. */
    public static List<NvmeSubsystem> read(Path sysRoot) throws IOException {
        Path dir = sysRoot.resolve("class/nvme-subsystem");
        if (!dir.toFile().isDirectory()) {
            throw new NoSuchFileException(dir.toString());
        }
        List<NvmeSubsystem> out = new ArrayList<>();
        for (Path s : SysfsFiles.list(dir, "nvme-subsys*")) {
            List<Controller> controllers = new ArrayList<>();
            List<String> namespaces = new ArrayList<>();
            for (Path e : SysfsFiles.list(s, "nvme*")) {
                String entry = e.getFileName().toString();
                if (isController(entry)) {
                    controllers.add(new Controller(entry, ShortRead.read(e.resolve("state")),
                            ShortRead.read(e.resolve("transport")), ShortRead.read(e.resolve("address"))));
                } else if (isNamespace(entry)) {
                    namespaces.add(entry);
                }
            }
            out.add(new NvmeSubsystem(s.getFileName().toString(), ShortRead.read(s.resolve("subsysnqn")),
                    ShortRead.read(s.resolve("model")), ShortRead.read(s.resolve("serial")),
                    ShortRead.read(s.resolve("iopolicy")), controllers, namespaces));
        }
        return out;
    }

    /** {@code ^nvme\d+$} */
    static boolean isController(String name) {
        return name.startsWith("nvme") && digits(name, 4, name.length());
    }

    /** {@code ^nvme\d+n\d+$} */
    static boolean isNamespace(String name) {
        int n = name.indexOf('n', 4);
        return name.startsWith("nvme") && n > 4 && digits(name, 4, n) && digits(name, n + 1, name.length());
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
