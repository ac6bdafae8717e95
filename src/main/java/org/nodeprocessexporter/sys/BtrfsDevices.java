package org.nodeprocessexporter.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.sys.StatFs.ErrnoException;

/**
 * The devices of a mounted btrfs and their error counters, asked the way node_exporter asks
 * (through dennwc/btrfs): open the mount point read-only, BTRFS_IOC_FS_INFO, then
 * BTRFS_IOC_DEV_INFO and BTRFS_IOC_GET_DEV_STATS for each device id up to max_id (ids have gaps:
 * ENODEV is skipped), close. None of the three needs a capability; opening the mount point needs
 * search permission on its path. nr_items is set to the five counters in the request: the library
 * version whose request leaves it 0 gets no counter filled in by the kernel.
 */
public final class BtrfsDevices {
    private BtrfsDevices() {
    }

    /** O_RDONLY | O_CLOEXEC (the same value on every Linux architecture). */
    private static final int OPEN_FLAGS = 02000000;
    private static final int ENODEV = 19;

    /** @param errors write, read, flush, corruption and generation errors */
    public record Device(BtrfsIoctl.DevInfo info, long[] errors) {
    }

    /** @param fsid the file system UUID, 32 hex digits */
    public record Filesystem(String fsid, List<Device> devices) {
    }

    public static Filesystem query(String mountPoint) throws ErrnoException {
        int fd = LibC.open(mountPoint, OPEN_FLAGS);
        if (fd < 0) {
            throw errno();
        }
        try (Memory mem = new Memory(BtrfsIoctl.DEV_INFO_SIZE)) {
            BtrfsIoctl.FsInfo fs = BtrfsIoctl.fsInfo(call(fd, BtrfsIoctl.IOC_FS_INFO, BtrfsIoctl.fsInfoRequest(), mem));
            List<Device> devices = new ArrayList<>();
            for (long id = 0; id <= fs.maxId() && devices.size() < fs.numDevices(); id++) {
                ByteBuffer info;
                try {
                    info = call(fd, BtrfsIoctl.IOC_DEV_INFO, BtrfsIoctl.devInfoRequest(id), mem);
                } catch (ErrnoException e) {
                    if (e.errno() == ENODEV) {
                        continue;
                    }
                    throw e;
                }
                long[] errors = BtrfsIoctl.devStats(call(fd, BtrfsIoctl.IOC_GET_DEV_STATS,
                        BtrfsIoctl.devStatsRequest(id), mem));
                devices.add(new Device(BtrfsIoctl.devInfo(info), errors));
            }
            return new Filesystem(fs.fsid(), devices);
        } finally {
            LibC.close(fd);
        }
    }

    private static ByteBuffer call(int fd, long request, ByteBuffer in, Memory mem) throws ErrnoException {
        int size = in.capacity();
        mem.write(0, in.array(), 0, size);
        if (LibC.ioctl(fd, new NativeLong(request), mem) != 0) {
            throw errno();
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        mem.read(0, out.array(), 0, size);
        return out;
    }

    private static ErrnoException errno() {
        int errno = Native.getLastError();
        return new ErrnoException(errno, Errno.text(errno));
    }
}
