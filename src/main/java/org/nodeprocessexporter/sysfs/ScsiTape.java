package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /sys/class/scsi_tape/st<N>/stats} (Documentation/scsi/st.rst, "Sysfs and statistics for
 * tape devices"): I/O counters of a SCSI tape drive. Only the {@code st<N>} entries are read; the
 * other device nodes of the same drive ({@code nst<N>}, {@code st<N>a}, ...) share its statistics.
 *
 * @param name  e.g. {@code st0}
 * @param stats each of {@link #STATS} by file name, the raw 64 bits; 0 when the file is missing
 */
public record ScsiTape(String name, Map<String, Long> stats) {

    /** The statistics files: in_flight, io_ns, other_cnt, read_byte_cnt, read_cnt, read_ns, ... */
    public static final Set<String> STATS = Set.of("in_flight", "io_ns", "other_cnt", "read_byte_cnt", "read_cnt",
            "read_ns", "resid_cnt", "write_byte_cnt", "write_cnt", "write_ns");

    /**
     * Every {@code st<N>} tape, sorted by name.
     *
     * @throws NoSuchFileException when there is no scsi_tape class or a tape has no stats directory
     *                             (node_exporter then reports no data)
     */
    public static List<ScsiTape> readAll(Path sysRoot) throws IOException {
        Path dir = sysRoot.resolve("class/scsi_tape");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        List<ScsiTape> out = new ArrayList<>();
        for (Path tape : SysfsFiles.list(dir, "st[0-9]*")) {
            String name = tape.getFileName().toString();
            if (isTapeName(name)) {
                out.add(read(tape));
            }
        }
        return out;
    }

    /** {@code ^st[0-9]+$}. */
    static boolean isTapeName(String name) {
        if (name.length() < 3 || !name.startsWith("st")) {
            return false;
        }
        for (int i = 2; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static ScsiTape read(Path tape) throws IOException {
        Path dir = tape.resolve("stats");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        for (String s : STATS) {
            stats.put(s, 0L);
        }
        for (Path f : SysfsFiles.list(dir, "*")) {
            String n = f.getFileName().toString();
            String text = Files.readString(f).trim();
            if (!STATS.contains(n)) {
                continue;
            }
            try {
                stats.put(n, SysfsFiles.parseUnsignedAnyBase(text));
            } catch (NumberFormatException e) {
                throw new IOException("malformed " + f + ": " + text, e);
            }
        }
        return new ScsiTape(tape.getFileName().toString(), stats);
    }
}
