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
    LibC INSTANCE = Native.load("c", LibC.class);

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
