package org.nodeprocessexporter.web.http;

import java.io.IOException;

/**
 * A request the server refuses to read further, with the status to answer before closing the
 * connection. An IOException so that it can leave a request body's {@code read} too (a bad chunk
 * size) and reach the connection loop through the handler.
 */
public final class BadRequestException extends IOException {
    private final int status;

    public BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 400, 414, 431, 501 or 505. */
    public int status() {
        return status;
    }
}
