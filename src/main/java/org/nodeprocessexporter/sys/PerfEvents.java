package org.nodeprocessexporter.sys;

import java.nio.ByteBuffer;

/**
 * perf_event_open(2) counters counting every process on one CPU: open, enable, read, close. The
 * kernel's is {@link KernelPerfEvents}; tests give the perf collector their own. Calls return
 * -errno on failure instead of throwing. One instance per user; not thread-safe.
 */
public interface PerfEvents {
    /** perf_event_open(attr, pid -1, cpu, groupFd, 0) with an {@link PerfEventAttr#encode} buffer: the descriptor, or -errno. */
    int open(ByteBuffer attr, int cpu, int groupFd);

    /** PERF_EVENT_IOC_ENABLE, on the leader's whole group when {@code group}: 0, or -errno. */
    int enable(int fd, boolean group);

    /** One read(2) of {@code words} 64-bit words into {@code dst}: the number of words read, or -errno. */
    int read(int fd, long[] dst, int words);

    void close(int fd);

    /** The CPUs this process may run on (its affinity mask), as Go's runtime.NumCPU counts them. */
    int usableCpus();

    /** The kernel's, through JNA; throws when libc or the system call is not available here. */
    static PerfEvents kernel() {
        return new KernelPerfEvents();
    }
}
