package org.nodeprocessexporter.web.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A client on a raw socket, to write exact bytes and see exactly what comes back. */
final class RawClient implements AutoCloseable {
    /** One response as it came over the wire; chunk sizes in order when the body was chunked. */
    record Response(int status, String statusLine, Map<String, List<String>> headers, byte[] body,
                    List<Integer> chunks) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    final Socket socket;
    private final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    RawClient send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    Response read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code head}: the request was HEAD, so no body follows whatever the headers say. */
    Response read(boolean head) throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Integer> chunks = new ArrayList<>();
        Response r = new Response(status, statusLine, headers, null, chunks);
        if (head || status == 100 || status == 204 || status == 304) {
            return new Response(status, statusLine, headers, new byte[0], chunks);
        }
        if ("chunked".equalsIgnoreCase(r.header("transfer-encoding"))) {
            for (int size; (size = Integer.parseInt(line(), 16)) > 0; ) {
                chunks.add(size);
                body.write(in.readNBytes(size));
                if (!line().isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
            chunks.add(0);
            if (!line().isEmpty()) {
                throw new IOException("no empty line after the last chunk");
            }
        } else if (r.header("content-length") != null) {
            int length = Integer.parseInt(r.header("content-length"));
            byte[] b = in.readNBytes(length);
            if (b.length != length) {
                throw new EOFException("body cut short");
            }
            body.write(b);
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(status, statusLine, headers, body.toByteArray(), chunks);
    }

    /** Whether the server closed the connection: EOF (or a reset) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("connection closed after \"" + sb + "\"");
            }
            sb.append((char) c);
        }
        int end = sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r' ? sb.length() - 1 : sb.length();
        return sb.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
