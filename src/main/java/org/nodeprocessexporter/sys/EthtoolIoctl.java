package org.nodeprocessexporter.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SIOCETHTOOL ioctls node_exporter's ethtool collector makes through safchain/ethtool, on an
 * AF_INET datagram socket of the exporter's network namespace: driver information
 * (ETHTOOL_GDRVINFO), the statistics with their names (ETHTOOL_GSTRINGS of ETH_SS_STATS and
 * ETHTOOL_GSTATS, sized by the driver information's n_stats) and the legacy link settings
 * (ETHTOOL_GSET, {@code struct ethtool_cmd}). Layouts from include/uapi/linux/ethtool.h.
 *
 * <p>64-bit Linux only. One instance per scrape, closed after it; not thread-safe. A failed ioctl
 * throws {@link Failure} with its errno.
 */
public final class EthtoolIoctl implements AutoCloseable {
    public static final int EOPNOTSUPP = 95;

    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_GSET = 0x1;
    private static final int ETHTOOL_GDRVINFO = 0x3;
    private static final int ETHTOOL_GSTRINGS = 0x1b;
    private static final int ETHTOOL_GSTATS = 0x1d;
    private static final int ETH_SS_STATS = 1;
    private static final int ETH_GSTRING_LEN = 32;
    /** safchain/ethtool's MAX_GSTRINGS: more statistics than that are refused. */
    private static final int MAX_STATS = 32768;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;
    static final int DRVINFO_SIZE = 196;
    static final int CMD_SIZE = 44;

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;

    public static final boolean AVAILABLE = LibcLibrary.registerOn64BitLinux(EthtoolIoctl.class);

    private static native int socket(int domain, int type, int protocol);

    private static native int ioctl(int fd, long request, Pointer arg);

    private static native int close(int fd);

    /** An ioctl the kernel or driver refused. */
    public static final class Failure extends Exception {
        private final int errno;

        Failure(String what, int errno) {
            super(what + ": " + Errno.text(errno), null, false, false);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    /** ETHTOOL_GDRVINFO's strings, and how many statistics the driver has. */
    public record DriverInfo(String driver, String version, String firmwareVersion, String busInfo,
                             String expansionRomVersion, long statistics) {
    }

    /** ETHTOOL_GSET: the link mode bitmaps (the first 32 bits) and autonegotiation. */
    public record LinkSettings(long supported, long advertising, int autoneg) {
    }

    private final int fd;
    private final Memory ifreq = new Memory(IFREQ_SIZE);
    private Memory data = new Memory(4096);

    private EthtoolIoctl(int fd) {
        this.fd = fd;
    }

    public static EthtoolIoctl open() throws Failure {
        if (!AVAILABLE) {
            throw new Failure("ethtool ioctls are not available on this platform", 0);
        }
        int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new Failure("socket", Native.getLastError());
        }
        return new EthtoolIoctl(fd);
    }

    public DriverInfo driverInfo(String device) throws Failure {
        call(device, ETHTOOL_GDRVINFO, DRVINFO_SIZE, "ETHTOOL_GDRVINFO");
        return parseDriverInfo(view(DRVINFO_SIZE));
    }

    public LinkSettings linkSettings(String device) throws Failure {
        call(device, ETHTOOL_GSET, CMD_SIZE, "ETHTOOL_GSET");
        return parseLinkSettings(view(CMD_SIZE));
    }

    /**
     * The statistics by name, in the driver's order, as safchain/ethtool returns them: names cut
     * at their NUL, empty names left out, a later equal name replacing an earlier one.
     */
    public Map<String, Long> stats(String device) throws Failure {
        long n = driverInfo(device).statistics();
        if (n > MAX_STATS) {
            throw new Failure("ethtool reports more than " + MAX_STATS + " statistics (" + n + ")", 0);
        }
        int count = (int) n;
        if (count == 0) {
            return Map.of();
        }
        int stringsSize = 12 + count * ETH_GSTRING_LEN;
        ensure(stringsSize);
        data.clear(stringsSize);
        data.setInt(4, ETH_SS_STATS);
        data.setInt(8, count);
        call(device, ETHTOOL_GSTRINGS, -1, "ETHTOOL_GSTRINGS");
        byte[] names = data.getByteArray(12, count * ETH_GSTRING_LEN);
        int statsSize = 8 + count * 8;
        ensure(statsSize);
        data.clear(statsSize);
        data.setInt(4, count);
        call(device, ETHTOOL_GSTATS, -1, "ETHTOOL_GSTATS");
        long[] values = data.getLongArray(8, count);
        return parseStats(names, values, count);
    }

    static Map<String, Long> parseStats(byte[] names, long[] values, int count) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = cString(names, i * ETH_GSTRING_LEN, ETH_GSTRING_LEN);
            if (!name.isEmpty()) {
                out.put(name, values[i]);
            }
        }
        return out;
    }

    static DriverInfo parseDriverInfo(ByteBuffer b) {
        byte[] a = new byte[DRVINFO_SIZE];
        b.get(0, a);
        return new DriverInfo(cString(a, 4, 32), cString(a, 36, 32), cString(a, 68, 32), cString(a, 100, 32),
                cString(a, 132, 32), b.getInt(180) & 0xffffffffL);
    }

    static LinkSettings parseLinkSettings(ByteBuffer b) {
        return new LinkSettings(b.getInt(4) & 0xffffffffL, b.getInt(8) & 0xffffffffL, b.get(18) & 0xff);
    }

    private static String cString(byte[] a, int off, int max) {
        int n = 0;
        while (n < max && a[off + n] != 0) {
            n++;
        }
        return new String(a, off, n, StandardCharsets.UTF_8);
    }

    private void ensure(int size) {
        if (data.size() < size) {
            data = new Memory(size);
        }
    }

    private ByteBuffer view(int size) {
        return data.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    /** The ioctl with {@code cmd} in the data's first word; {@code clear} > 0 zeroes that much first. */
    private void call(String device, int cmd, int clear, String what) throws Failure {
        byte[] name = device.getBytes(StandardCharsets.UTF_8);
        if (name.length >= IFNAMSIZ) {
            throw new Failure(what + " " + device, 19);
        }
        if (clear > 0) {
            data.clear(clear);
        }
        data.setInt(0, cmd);
        ifreq.clear(IFREQ_SIZE);
        ifreq.write(0, name, 0, name.length);
        ifreq.setPointer(IFNAMSIZ, data);
        if (ioctl(fd, SIOCETHTOOL, ifreq) != 0) {
            throw new Failure(what + " " + device, Native.getLastError());
        }
    }

    @Override
    public void close() {
        close(fd);
    }
}
