package org.nodeprocessexporter.textformat;

/** Malformed Prometheus text format; the message names the line. */
public final class TextFormatException extends Exception {
    public TextFormatException(String message) {
        super(message);
    }
}
