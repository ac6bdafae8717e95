package org.nodeprocessexporter.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/** {@link PerfEvents} through libc: syscall(__NR_perf_event_open), ioctl, read, close, sched_getaffinity. */
final class KernelPerfEvents implements PerfEvents {
    private static final int EINTR = 4;
    private static final int EINVAL = 22;
    private static final String ARCH = System.getProperty("os.arch");

    private final NativeLong syscall;
    private final NativeLong enable;
    private final Memory attr = new Memory(PerfEventAttr.SIZE);
    private Memory buffer = new Memory(64);

    KernelPerfEvents() {
        long nr = PerfEventAttr.syscallNumber(ARCH);
        if (nr < 0) {
            throw new UnsupportedOperationException("perf_event_open: system call number unknown for " + ARCH);
        }
        syscall = new NativeLong(nr);
        enable = new NativeLong(PerfEventAttr.ioctl(PerfEventAttr.IOC_ENABLE, ARCH));
    }

    @Override
    public int open(ByteBuffer a, int cpu, int groupFd) {
        byte[] bytes = new byte[PerfEventAttr.SIZE];
        a.get(0, bytes);
        attr.write(0, bytes, 0, bytes.length);
        long fd;
        do {
            fd = LibC.syscall(syscall, attr, new NativeLong(-1), new NativeLong(cpu), new NativeLong(groupFd),
                    new NativeLong(0)).longValue();
        } while (fd < 0 && Native.getLastError() == EINTR);
        return fd >= 0 ? (int) fd : -Native.getLastError();
    }

    @Override
    public int enable(int fd, boolean group) {
        int r = LibC.ioctl(fd, enable, group ? Pointer.createConstant(PerfEventAttr.IOC_FLAG_GROUP) : null);
        return r == 0 ? 0 : -Native.getLastError();
    }

    @Override
    public int read(int fd, long[] dst, int words) {
        long bytes = 8L * words;
        if (buffer.size() < bytes) {
            buffer = new Memory(bytes);
        }
        long n;
        do {
            n = LibC.read(fd, buffer, new NativeLong(bytes)).longValue();
        } while (n < 0 && Native.getLastError() == EINTR);
        if (n < 0) {
            return -Native.getLastError();
        }
        int got = (int) (n / 8);
        buffer.read(0, dst, 0, got);
        return got;
    }

    @Override
    public void close(int fd) {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }

    @Override
    public int usableCpus() {
        for (int size = 128; size <= 1 << 16; size *= 2) {
            Memory mask = new Memory(size);
            mask.clear();
            if (LibC.sched_getaffinity(0, new NativeLong(size), mask) == 0) {
                int count = 0;
                for (int i = 0; i < size; i += 8) {
                    count += Long.bitCount(mask.getLong(i));
                }
                return count;
            }
            if (Native.getLastError() != EINVAL) {
                break;
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
