package org.nodeprocessexporter.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls node_exporter makes as system calls rather than file reads (uname, statfs,
 * adjtimex, the btrfs ioctls), through JNA. Loaded on first use, so a host where it cannot load only loses the
 * collectors that need it.
 */
public interface LibC extends Library {
    /**
     * By its soname, which the dynamic linker finds by itself. JNA would otherwise build a list of
     * system library directories when it first loads a library, running {@code ldconfig -p} for it
     * (a child process, and a "process reaper" thread left for the life of the exporter), unless
     * {@code jna.platform.library.path} is set: so it is set, empty, when nobody set it.
     */
    LibC INSTANCE = load();

    private static LibC load() {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        try {
            return Native.load("libc.so.6", LibC.class);
        } catch (UnsatisfiedLinkError e) { // not glibc (musl: libc.so)
            return Native.load("c", LibC.class);
        }
    }

    int uname(Pointer utsname);

    int statfs(String path, Pointer buf);

    int adjtimex(Pointer timex);

    int getpagesize();

    /** open(2) without a mode (no O_CREAT). */
    int open(String path, int flags);

    int close(int fd);

    /** ioctl(2) with a pointer argument; the request is an unsigned long in C. */
    int ioctl(int fd, NativeLong request, Pointer arg);
}
