package org.nodeprocessexporter.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The three btrfs ioctls node_exporter makes on a mount point, as byte layouts of
 * include/uapi/linux/btrfs.h: requests are encoded into, and answers decoded from, a buffer of the
 * struct's size in the machine's byte order. Pure: the system calls are in {@link BtrfsDevices}.
 */
public final class BtrfsIoctl {
    private BtrfsIoctl() {
    }

    private static final int MAGIC = 0x94;

    /** {@code struct btrfs_ioctl_fs_info_args}: max_id, num_devices, fsid[16], ... padded to 1 KiB. */
    public static final int FS_INFO_SIZE = 1024;
    /** {@code struct btrfs_ioctl_dev_info_args}: devid, uuid[16], bytes_used, total_bytes, unused[379], path[1024]. */
    public static final int DEV_INFO_SIZE = 4096;
    /** {@code struct btrfs_ioctl_get_dev_stats}: devid, nr_items, flags, values[5], unused[121]. */
    public static final int DEV_STATS_SIZE = 1032;

    private static final int DEV_INFO_PATH = 3072;
    private static final int PATH_MAX = 1024;
    private static final int DEV_STATS_VALUES = 24;
    /** BTRFS_DEV_STAT_VALUES_MAX: write, read, flush, corruption, generation errors. */
    public static final int DEV_STAT_VALUES = 5;

    public static final long IOC_FS_INFO = ioc(false, 31, FS_INFO_SIZE, System.getProperty("os.arch"));
    public static final long IOC_DEV_INFO = ioc(true, 30, DEV_INFO_SIZE, System.getProperty("os.arch"));
    public static final long IOC_GET_DEV_STATS = ioc(true, 52, DEV_STATS_SIZE, System.getProperty("os.arch"));

    /** What BTRFS_IOC_FS_INFO tells. @param fsid the file system UUID as 32 hex digits (upstream's key) */
    public record FsInfo(long maxId, long numDevices, String fsid) {
    }

    /** What BTRFS_IOC_DEV_INFO tells about one device. @param uuid the device UUID, dashed */
    public record DevInfo(long devid, String uuid, long bytesUsed, long totalBytes, String path) {
    }

    /**
     * {@code _IOR} / {@code _IOWR} of asm-generic/ioctl.h (x86, arm, riscv, s390, ...), or of the
     * architectures that encode direction in three bits (powerpc, mips, sparc).
     */
    static long ioc(boolean write, int nr, int size, String arch) {
        boolean threeBitDir = arch != null && (arch.startsWith("ppc") || arch.startsWith("mips") || arch.startsWith("sparc"));
        long dir = threeBitDir ? (write ? 2L | 4L : 2L) << 29 : (write ? 2L | 1L : 2L) << 30;
        return dir | ((long) size << 16) | (MAGIC << 8) | nr;
    }

    public static ByteBuffer fsInfoRequest() {
        return buffer(FS_INFO_SIZE); // flags (in) 0: only the fields every kernel fills
    }

    public static FsInfo fsInfo(ByteBuffer b) {
        return new FsInfo(b.getLong(0), b.getLong(8), hex(b, 16, 16));
    }

    /** The uuid stays zero: the kernel then looks the device up by devid alone. */
    public static ByteBuffer devInfoRequest(long devid) {
        return buffer(DEV_INFO_SIZE).putLong(0, devid);
    }

    public static DevInfo devInfo(ByteBuffer b) {
        int end = DEV_INFO_PATH;
        while (end < DEV_INFO_PATH + PATH_MAX && b.get(end) != 0) {
            end++;
        }
        byte[] path = new byte[end - DEV_INFO_PATH];
        b.get(DEV_INFO_PATH, path);
        return new DevInfo(b.getLong(0), uuid(b, 8), b.getLong(24), b.getLong(32),
                new String(path, StandardCharsets.UTF_8));
    }

    /** Asks for all five counters (nr_items in), without resetting them (flags 0). */
    public static ByteBuffer devStatsRequest(long devid) {
        return buffer(DEV_STATS_SIZE).putLong(0, devid).putLong(8, DEV_STAT_VALUES);
    }

    /** The counters the kernel filled (nr_items out), in BTRFS_DEV_STAT_* order; missing ones are 0. */
    public static long[] devStats(ByteBuffer b) {
        long n = Math.min(b.getLong(8), DEV_STAT_VALUES);
        long[] v = new long[DEV_STAT_VALUES];
        for (int i = 0; i < n; i++) {
            v[i] = b.getLong(DEV_STATS_VALUES + 8 * i);
        }
        return v;
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    private static String hex(ByteBuffer b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = 0; i < len; i++) {
            sb.append(Character.forDigit((b.get(off + i) >> 4) & 0xf, 16)).append(Character.forDigit(b.get(off + i) & 0xf, 16));
        }
        return sb.toString();
    }

    /** A UUID as dennwc/btrfs prints it (what upstream puts into {@code btrfs_dev_uuid}): dashed, {@code <zero>} for all zeros. */
    static String uuid(ByteBuffer b, int off) {
        String h = hex(b, off, 16);
        if (h.chars().allMatch(c -> c == '0')) {
            return "<zero>";
        }
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }
}
