package org.nodeprocessexporter.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls node_exporter makes as system calls rather than file reads (uname, statfs,
 * adjtimex, the btrfs ioctls), through JNA's direct mapping: a JNI-like call per use, where an
 * interface mapping went through a proxy, reflection and argument conversion on every call (uname
 * and statfs run every scrape). Registered on first use, so a host where libc cannot be loaded
 * only loses the collectors that need it.
 *
 * <p>By its soname, which the dynamic linker finds by itself. JNA would otherwise build a list of
 * system library directories when it first loads a library, running {@code ldconfig -p} for it (a
 * child process, and a "process reaper" thread left for the life of the exporter), unless
 * {@code jna.platform.library.path} is set: so it is set, empty, when nobody set it.
 */
public final class LibC {
    static {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        NativeLibrary libc;
        try {
            libc = NativeLibrary.getInstance("libc.so.6");
        } catch (UnsatisfiedLinkError e) { // not glibc (musl: libc.so)
            libc = NativeLibrary.getInstance("c");
        }
        Native.register(LibC.class, libc);
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
}
