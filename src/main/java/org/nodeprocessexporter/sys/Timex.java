package org.nodeprocessexporter.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;

/**
 * adjtimex(2) with {@code modes = 0} (read only). {@code struct timex} on the LP64 Linux ABIs
 * (x86_64, aarch64, and the other 64-bit ones) is 208 bytes: {@code long} fields are 8 bytes and
 * each {@code int} field is padded to 8, except {@code tai} which is followed by reserved space.
 *
 * @param state    the call's return value: the clock state (TIME_OK .. TIME_ERROR)
 * @param offset   in microseconds, or nanoseconds when {@code STA_NANO} is set in status
 * @param freq     scaled ppm (ppm times 2^16)
 * @param jitter   in microseconds, or nanoseconds with {@code STA_NANO}
 */
public record Timex(int state, long offset, long freq, long maxerror, long esterror, int status, long constant,
                    long precision, long tolerance, long tick, long ppsfreq, long jitter, int shift, long stabil,
                    long jitcnt, long calcnt, long errcnt, long stbcnt, int tai) {

    public static final int TIME_ERROR = 5;
    public static final int STA_NANO = 0x2000;
    static final int SIZE = 208;

    public static Timex call() throws IOException {
        if (!Platform.isLinux() || Native.LONG_SIZE != 8) {
            throw new IOException("adjtimex is only supported on 64-bit Linux");
        }
        try (Memory buf = new Memory(SIZE)) {
            buf.clear();
            int state = LibC.adjtimex(buf);
            if (state < 0) {
                throw new IOException("adjtimex failed: errno " + Native.getLastError());
            }
            return decode(state, buf);
        }
    }

    static Timex decode(int state, Memory b) {
        return new Timex(state, b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32), b.getInt(40),
                b.getLong(48), b.getLong(56), b.getLong(64), b.getLong(88), b.getLong(96), b.getLong(104),
                b.getInt(112), b.getLong(120), b.getLong(128), b.getLong(136), b.getLong(144), b.getLong(152),
                b.getInt(160));
    }
}
