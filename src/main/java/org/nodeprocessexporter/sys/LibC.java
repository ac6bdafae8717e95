package org.nodeprocessexporter.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls node_exporter makes as system calls rather than file reads (uname, statfs,
 * adjtimex), through JNA. Loaded on first use, so a host where it cannot load only loses the
 * collectors that need it.
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int uname(Pointer utsname);

    int statfs(String path, Pointer buf);

    int adjtimex(Pointer timex);

    int getpagesize();
}
