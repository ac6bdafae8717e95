package org.nodeprocessexporter.sys;

/**
 * The text of an errno as Go's {@code syscall.Errno.Error()} prints it, since node_exporter puts
 * that text into labels ({@code node_filesystem_device_error{device_error="permission denied"}}).
 * Go's table is glibc's strerror with a lower-case first letter, apart from a few entries.
 */
public final class Errno {
    private Errno() {
    }

    public static String text(int errno) {
        switch (errno) {
            case 1: return "operation not permitted";
            case 2: return "no such file or directory";
            case 5: return "input/output error";
            case 6: return "no such device or address";
            case 11: return "resource temporarily unavailable";
            case 12: return "cannot allocate memory";
            case 13: return "permission denied";
            case 16: return "device or resource busy";
            case 19: return "no such device";
            case 20: return "not a directory";
            case 22: return "invalid argument";
            case 36: return "file name too long";
            case 38: return "function not implemented";
            case 40: return "too many levels of symbolic links";
            case 75: return "value too large for defined data type";
            case 95: return "operation not supported";
            case 101: return "network is unreachable";
            case 107: return "transport endpoint is not connected";
            case 110: return "connection timed out";
            case 111: return "connection refused";
            case 112: return "host is down";
            case 113: return "no route to host";
            case 116: return "stale NFS file handle";
            case 121: return "remote I/O error";
            default: return "errno " + errno;
        }
    }
}
