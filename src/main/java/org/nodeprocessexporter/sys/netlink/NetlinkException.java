package org.nodeprocessexporter.sys.netlink;

import java.io.IOException;
import org.nodeprocessexporter.sys.Errno;

/**
 * A netlink request the kernel refused (an NLMSG_ERROR with an errno, or a dump that ended with
 * one), or a socket call that failed. {@link #errno()} is the positive errno, 0 when there is none
 * (a timeout of our own, for instance).
 */
public final class NetlinkException extends IOException {
    public static final int ENOENT = 2;
    public static final int EPERM = 1;
    public static final int EACCES = 13;
    public static final int ENODEV = 19;
    public static final int EOPNOTSUPP = 95;
    public static final int EPROTONOSUPPORT = 93;

    private final int errno;

    public NetlinkException(String what, int errno) {
        super(what + ": " + Errno.text(errno));
        this.errno = errno;
    }

    public NetlinkException(String message) {
        super(message);
        this.errno = 0;
    }

    public int errno() {
        return errno;
    }

    /** The errno says the thing asked for is not there (no such family, device or entry). */
    public boolean notFound() {
        return errno == ENOENT || errno == ENODEV;
    }

    /** The errno says we may not ask. */
    public boolean denied() {
        return errno == EPERM || errno == EACCES;
    }
}
