package org.nodeprocessexporter.sys;

import com.sun.jna.NativeLibrary;

/**
 * The C library, for the classes that bind to it through JNA's direct mapping ({@link LibC},
 * {@link NativeFiles}), loaded once.
 *
 * <p>By its soname, which the dynamic linker finds by itself. JNA would otherwise build a list of
 * system library directories when it first loads a library, running {@code ldconfig -p} for it (a
 * child process, and a "process reaper" thread left for the life of the exporter), unless
 * {@code jna.platform.library.path} is set: so it is set, empty, when nobody set it.
 */
public final class LibcLibrary {
    private LibcLibrary() {
    }

    /**
     * Registers the native methods of {@code cls} against libc (JNA's direct mapping) on 64-bit
     * Linux, where size_t and pointers are a Java long: false elsewhere or when libc or JNA cannot
     * load, so the caller reports itself unavailable.
     */
    public static boolean registerOn64BitLinux(Class<?> cls) {
        if (!com.sun.jna.Platform.isLinux() || com.sun.jna.Native.LONG_SIZE != 8 || com.sun.jna.Native.POINTER_SIZE != 8) {
            return false;
        }
        try {
            com.sun.jna.Native.register(cls, get());
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** glibc's libc, else musl's; throws UnsatisfiedLinkError when neither loads. */
    public static NativeLibrary get() {
        return Holder.LIBRARY;
    }

    private static final class Holder {
        static final NativeLibrary LIBRARY = load();

        private static NativeLibrary load() {
            if (System.getProperty("jna.platform.library.path") == null) {
                System.setProperty("jna.platform.library.path", "");
            }
            try {
                return NativeLibrary.getInstance("libc.so.6");
            } catch (UnsatisfiedLinkError e) { // not glibc (musl: libc.so)
                return NativeLibrary.getInstance("c");
            }
        }
    }
}
