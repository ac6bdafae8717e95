package org.nodeprocessexporter.web.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.nodeprocessexporter.Log;

/**
 * The thread that takes new connections: blocked in {@code accept()} until a client connects,
 * it hands each connection to a thread of its own and goes back to waiting. TLS handshakes run
 * on the connection's thread, so a slow client cannot hold up accepting.
 */
final class Acceptor implements Runnable {
    /** The longest wait before retrying after accept() failed (out of file descriptors). */
    private static final int MAX_BACKOFF_MILLIS = 1000;

    private final BlockingHttpServer server;
    private final ServerSocket listener;
    private final OpenConnections connections;

    Acceptor(BlockingHttpServer server, ServerSocket listener, OpenConnections connections) {
        this.server = server;
        this.listener = listener;
        this.connections = connections;
    }

    @Override
    public void run() {
        int backoff = 0;
        while (!server.stopping()) {
            Socket socket;
            try {
                socket = listener.accept();
                backoff = 0;
            } catch (IOException e) {
                if (server.stopping() || listener.isClosed()) {
                    return;
                }
                // as Go's server: a full fd table must not turn this loop into a busy one
                backoff = Math.min(Math.max(backoff * 2, 5), MAX_BACKOFF_MILLIS);
                Log.debug("HTTP accept failed", "err", e.toString(), "retry_ms", backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            admit(socket);
        }
    }

    private void admit(Socket socket) {
        Connection connection = new Connection(server, connections, socket);
        if (!connections.add(connection)) {
            Log.debug("too many HTTP connections, closing a new one", "limit", OpenConnections.MAX,
                    "remote", socket.getRemoteSocketAddress());
            close(socket);
            return;
        }
        Executor executor = server.getExecutor();
        try {
            if (executor != null) {
                executor.execute(connection);
            } else {
                Thread t = new Thread(connection, "http-connection");
                t.setDaemon(true);
                t.start();
            }
        } catch (RejectedExecutionException e) {
            Log.debug("no thread for a new HTTP connection, closing it", "remote", socket.getRemoteSocketAddress());
            connections.remove(connection);
            close(socket);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
