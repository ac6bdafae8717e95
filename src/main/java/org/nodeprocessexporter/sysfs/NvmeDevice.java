package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NVMe controller of {@code /sys/class/nvme} (Documentation/ABI/testing/sysfs-class-nvme) with
 * the namespaces it reaches through its {@code nvmeXcYnZ} path devices.
 *
 * @param name             the controller ({@code nvme0})
 * @param firmwareRevision {@code firmware_rev}
 * @param cntlid           the controller id
 */
public record NvmeDevice(String name, String firmwareRevision, String model, String serial, String state,
                         String cntlid, List<Namespace> namespaces) {

    private static final Pattern NAMESPACE = Pattern.compile("nvme\\d+c\\d+n(\\d+)");

    /**
     * @param nsid             the Z of nvmeXcYnZ
     * @param sizeSectors      {@code size}, in 512-byte sectors as for every block device
     * @param usedBlocks       {@code nuse}, in logical blocks
     * @param logicalBlockSize {@code queue/logical_block_size}
     * @param anaState         {@code ana_state}, "unknown" without ANA
     */
    public record Namespace(String nsid, long sizeSectors, long usedBlocks, long logicalBlockSize, String anaState) {
    }

    /** Every controller; throws {@link NoSuchFileException} without an nvme class. */
    public static List<NvmeDevice> read(Path sysRoot) throws IOException {
        Path root = sysRoot.resolve("class/nvme");
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString());
        }
        List<NvmeDevice> out = new ArrayList<>();
        for (Path dir : SysfsFiles.list(root, "*")) {
            out.add(new NvmeDevice(dir.getFileName().toString(), required(dir, "firmware_rev"),
                    required(dir, "model"), required(dir, "serial"), required(dir, "state"), required(dir, "cntlid"),
                    namespaces(dir)));
        }
        return out;
    }

    private static List<Namespace> namespaces(Path controller) throws IOException {
        List<Namespace> out = new ArrayList<>();
        for (Path ns : SysfsFiles.list(controller, "nvme*")) {
            Matcher m = NAMESPACE.matcher(ns.getFileName().toString());
            if (!m.find()) {
                continue;
            }
            String ana = SysfsFiles.optional(ns.resolve("ana_state"));
            out.add(new Namespace(m.group(1), number(ns, "size"), number(ns, "nuse"),
                    number(ns, "queue/logical_block_size"), ana == null ? "unknown" : ana));
        }
        return out;
    }

    private static String required(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file)).trim();
    }

    /** A count that must exist; a value that is not a number counts as 0, as upstream's does. */
    private static long number(Path dir, String file) throws IOException {
        try {
            return Long.parseUnsignedLong(required(dir, file));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
