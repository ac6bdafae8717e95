package org.nodeprocessexporter.testsupport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A unix socket that misbehaves as a bus would when it is broken, for the failure tests: it
 * accepts and says nothing, or closes at once, or completes the SASL handshake and then sends
 * the bytes it was given and nothing else.
 */
public final class FakeBus implements AutoCloseable {
    public enum Mode { SILENT, CLOSE, AUTH_THEN_BYTES }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final List<SocketChannel> accepted = new ArrayList<>();

    public FakeBus(Path dir, Mode mode, byte[] afterAuth) throws IOException {
        this.socket = dir.resolve("bus-" + System.nanoTime());
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = new Thread(() -> serve(mode, afterAuth), "fake-bus");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String address() {
        return "unix:path=" + socket;
    }

    private void serve(Mode mode, byte[] afterAuth) {
        try {
            while (true) {
                SocketChannel c = server.accept();
                synchronized (accepted) {
                    accepted.add(c);
                }
                if (mode == Mode.CLOSE) {
                    c.close();
                } else if (mode == Mode.AUTH_THEN_BYTES) {
                    handshake(c);
                    c.write(ByteBuffer.wrap(afterAuth));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** The server side of SASL: EXTERNAL accepted, fd passing refused, until BEGIN. */
    private static void handshake(SocketChannel c) throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (c.read(one.clear()) > 0) {
            char ch = (char) one.get(0);
            if (ch != '\n') {
                if (ch != '\0' && ch != '\r') {
                    line.append(ch);
                }
                continue;
            }
            String cmd = line.toString();
            line.setLength(0);
            if (cmd.startsWith("BEGIN")) {
                return;
            }
            String answer = cmd.startsWith("AUTH EXTERNAL") || cmd.startsWith("DATA")
                    ? "OK 0123456789abcdef0123456789abcdef\r\n"
                    : cmd.startsWith("AUTH") ? "REJECTED EXTERNAL\r\n" : "ERROR\r\n";
            c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (accepted) {
            for (SocketChannel c : accepted) {
                c.close();
            }
        }
        Files.deleteIfExists(socket);
    }
}
