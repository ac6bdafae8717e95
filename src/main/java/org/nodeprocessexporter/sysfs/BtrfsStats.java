package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One mounted btrfs file system as {@code /sys/fs/btrfs/<uuid>/} describes it: label, device
 * sizes, space allocation per block group type and layout, and commit statistics.
 *
 * @param uuid        the directory name
 * @param label       {@code label}, empty when unset
 * @param deviceSizes device name to size in bytes ({@code devices/<dev>/size} is in 512-byte sectors)
 * @param globalRsvSize {@code allocation/global_rsv_size}
 * @param allocation  block group type (data, metadata, system) to its allocation
 * @param commits     {@code commit_stats} key to value (commits, last_commit_ms, ...); empty on old kernels
 */
public record BtrfsStats(String uuid, String label, Map<String, Long> deviceSizes, long globalRsvSize,
                         Map<String, Allocation> allocation, Map<String, Long> commits) {

    /** @param layouts layout directory (single, dup, raid1, ...) to its usage */
    public record Allocation(long reservedBytes, Map<String, Layout> layouts) {
    }

    /** @param ratio raw bytes per logical byte of the layout (2 for dup and raid1, ...) */
    public record Layout(long usedBytes, long totalBytes, double ratio) {
    }

    private static final long SECTOR = 512;

    /** Every file system under {@code sysfs/fs/btrfs}, by UUID; empty when none is mounted. */
    public static List<BtrfsStats> read(Path sysfs) throws IOException {
        List<BtrfsStats> out = new ArrayList<>();
        for (Path dir : SysfsFiles.list(sysfs.resolve("fs/btrfs"), "*-*-*-*-*")) {
            out.add(readOne(dir));
        }
        return out;
    }

    static BtrfsStats readOne(Path dir) throws IOException {
        String label = SysfsFiles.optional(dir.resolve("label"));
        Map<String, Long> devices = new TreeMap<>();
        for (Path dev : SysfsFiles.list(dir.resolve("devices"), "*")) {
            Long sectors = SysfsFiles.optionalLong(dev.resolve("size"));
            devices.put(dev.getFileName().toString(), sectors == null ? 0 : sectors * SECTOR);
        }
        int deviceCount = devices.size();
        Map<String, Allocation> allocation = new LinkedHashMap<>();
        for (String type : new String[] {"data", "metadata", "system"}) {
            Path a = dir.resolve("allocation").resolve(type);
            Map<String, Layout> layouts = new TreeMap<>();
            for (Path l : SysfsFiles.list(a, "*")) {
                if (!Files.isDirectory(l)) {
                    continue;
                }
                String name = l.getFileName().toString();
                layouts.put(name, new Layout(number(l.resolve("used_bytes")), number(l.resolve("total_bytes")),
                        ratio(name, deviceCount)));
            }
            allocation.put(type, new Allocation(number(a.resolve("bytes_reserved")), layouts));
        }
        Map<String, Long> commits = new LinkedHashMap<>();
        String stats = SysfsFiles.optional(dir.resolve("commit_stats"));
        if (stats != null) {
            for (String line : stats.split("\n")) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2) {
                    commits.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        return new BtrfsStats(dir.getFileName().toString(), label == null ? "" : label, devices,
                number(dir.resolve("allocation/global_rsv_size")), allocation, commits);
    }

    private static long number(Path file) {
        Long v = SysfsFiles.optionalLong(file);
        return v == null ? 0 : v;
    }

    /** How many bytes of disk a logical byte takes in this layout; 0 for a layout not known here. */
    static double ratio(String layout, int devices) {
        return switch (layout) {
            case "single", "raid0" -> 1;
            case "dup", "raid1", "raid10" -> 2;
            case "raid1c3" -> 3;
            case "raid1c4" -> 4;
            case "raid5" -> devices > 1 ? (double) devices / (devices - 1) : 0;
            case "raid6" -> devices > 2 ? (double) devices / (devices - 2) : 0;
            default -> 0;
        };
    }
}
