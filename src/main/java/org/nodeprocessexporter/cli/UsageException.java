package org.nodeprocessexporter.cli;

/** Bad command-line or configuration input: start-up stops with this one-line message and status 1. */
public final class UsageException extends Exception {
    private final boolean commandLineSyntax;

    public UsageException(String message) {
        this(message, false);
    }

    /** @param commandLineSyntax the command line itself did not parse, so {@code --help} is the hint to give */
    public UsageException(String message, boolean commandLineSyntax) {
        super(message);
        this.commandLineSyntax = commandLineSyntax;
    }

    public boolean isCommandLineSyntax() {
        return commandLineSyntax;
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
        this.commandLineSyntax = false;
    }
}
