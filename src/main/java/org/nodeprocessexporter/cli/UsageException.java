package org.nodeprocessexporter.cli;

/** Bad command-line or configuration input: start-up stops with this one-line message and status 1. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
