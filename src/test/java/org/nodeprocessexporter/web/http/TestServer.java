package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** A started BlockingHttpServer on a loopback port with one handler on "/". */
final class TestServer implements AutoCloseable {
    final BlockingHttpServer server;

    TestServer(HttpHandler handler) throws IOException {
        this(handler, BlockingHttpServer.DEFAULT_IDLE_TIMEOUT, BlockingHttpServer.DEFAULT_HEADER_TIMEOUT);
    }

    TestServer(HttpHandler handler, Duration idleTimeout, Duration headerTimeout) throws IOException {
        server = BlockingHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0, idleTimeout, headerTimeout);
        server.createContext("/", handler);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    RawClient connect() throws IOException {
        return new RawClient(port());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
