package org.nodeprocessexporter.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls node_exporter makes as system calls rather than file reads (uname, statfs,
 * adjtimex, the btrfs ioctls, perf_event_open), through JNA's direct mapping: a JNI-like call per use, where an
 * interface mapping went through a proxy, reflection and argument conversion on every call (uname
 * and statfs run every scrape). Registered on first use, so a host where libc cannot be loaded
 * only loses the collectors that need it.
 */
public final class LibC {
    static {
        Native.register(LibC.class, LibcLibrary.get());
    }

    private LibC() {
    }

    public static native int uname(Pointer utsname);

    public static native int statfs(String path, Pointer buf);

    public static native int adjtimex(Pointer timex);

    public static native int getpagesize();

    /** open(2) without a mode (no O_CREAT). */
    public static native int open(String path, int flags);

    public static native int close(int fd);

    /** ioctl(2) with a pointer argument; the request is an unsigned long in C. */
    public static native int ioctl(int fd, NativeLong request, Pointer arg);

    public static native NativeLong read(int fd, Pointer buf, NativeLong count);

    /**
     * syscall(2) with five arguments, each as wide as a register: for perf_event_open, which libc
     * does not wrap. The kernel narrows each to the type of its parameter.
     */
    public static native NativeLong syscall(NativeLong number, Pointer a1, NativeLong a2, NativeLong a3, NativeLong a4,
                                            NativeLong a5);

    public static native int sched_getaffinity(int pid, NativeLong cpusetsize, Pointer mask);

    /** signal(2); a null handler is SIG_DFL. Returns the previous handler (SIG_ERR is -1). */
    public static native Pointer signal(int signum, Pointer handler);
}
