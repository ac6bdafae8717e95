package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Start, address, executor, the connection cap and stop. */
class ServerLifecycleTest {
    private static TestServer ok() throws IOException {
        return new TestServer(exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
    }

    @Test
    void startTwiceFailsAndTheAddressHasTheRealPort() throws Exception {
        try (TestServer s = ok()) {
            assertThat(s.server.getAddress().getPort()).isPositive();
            assertThat(s.server.getAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThatThrownBy(s.server::start).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> s.server.setExecutor(Runnable::run)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anAddressInUseIsABindException() throws Exception {
        try (TestServer s = ok()) {
            assertThatThrownBy(() -> BlockingHttpServer.create(s.server.getAddress(), 0))
                    .isInstanceOf(java.net.BindException.class);
        }
    }

    @Test
    void theAcceptorAndTheDefaultConnectionThreadsAreNamedDaemons() throws Exception {
        AtomicReference<Thread> handlerThread = new AtomicReference<>();
        try (TestServer s = new TestServer(exchange -> {
            handlerThread.set(Thread.currentThread());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }); RawClient c = s.connect()) {
            c.send("GET / HTTP/1.1\r\n\r\n").read();
            assertThat(handlerThread.get().getName()).isEqualTo("http-connection");
            assertThat(handlerThread.get().isDaemon()).isTrue();
            Thread acceptor = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("http-acceptor")).findFirst().orElseThrow();
            assertThat(acceptor.isDaemon()).isTrue();
        }
    }

    @Test
    void connectionsRunOnTheExecutorAndARejectedOneIsClosed() throws Exception {
        BlockingHttpServer server = BlockingHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> threadName = new AtomicReference<>();
        server.createContext("/", exchange -> {
            threadName.set(Thread.currentThread().getName());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        List<Runnable> accepted = new ArrayList<>();
        Executor oneThenFull = command -> {
            if (!accepted.isEmpty()) {
                throw new RejectedExecutionException("full");
            }
            accepted.add(command);
            Thread t = new Thread(command, "pool-thread-7");
            t.setDaemon(true);
            t.start();
        };
        server.setExecutor(oneThenFull);
        server.start();
        try (RawClient first = new RawClient(server.getAddress().getPort());
             RawClient second = new RawClient(server.getAddress().getPort())) {
            assertThat(first.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(threadName.get()).isEqualTo("pool-thread-7");
            assertThat(second.closedByServer()).isTrue();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theConnectionOverTheCapIsClosed() throws Exception {
        try (TestServer s = ok()) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < OpenConnections.MAX; i++) {
                    RawClient c = s.connect();
                    clients.add(c);
                    assertThat(c.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
                }
                try (RawClient over = s.connect()) {
                    assertThat(over.closedByServer()).isTrue();
                }
                clients.remove(0).close();
                assertThat(eventuallyServed(s)).isTrue();
            } finally {
                for (RawClient c : clients) {
                    c.close();
                }
            }
        }
    }

    /** A freed slot is taken again once the server has seen the close. */
    private static boolean eventuallyServed(TestServer s) throws Exception {
        for (int i = 0; i < 50; i++) {
            try (RawClient c = s.connect()) {
                c.socket.setSoTimeout(1000);
                try {
                    if (c.send("GET / HTTP/1.1\r\n\r\n").read().status() == 200) {
                        return true;
                    }
                } catch (IOException closed) {
                    Thread.sleep(50);
                }
            }
        }
        return false;
    }

    @Test
    void stopClosesIdleConnectionsAndThePortAtOnce() throws Exception {
        TestServer s = ok();
        int port = s.port();
        try (RawClient idle = s.connect()) {
            assertThat(idle.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
            long start = System.nanoTime();
            s.server.stop(5);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
            assertThat(idle.closedByServer()).isTrue();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void stopLetsARequestInFlightFinishWithinTheDelay() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestServer s = new TestServer(exchange -> {
            inHandler.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, 4);
            exchange.getResponseBody().write("done".getBytes());
            exchange.close();
        });
        try (RawClient busy = s.connect()) {
            busy.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> s.server.stop(10));
            Thread.sleep(200);
            assertThat(stopped).isNotDone();
            release.countDown();
            RawClient.Response r = busy.read();
            assertThat(r.text()).isEqualTo("done");
            assertThat(r.header("connection")).isEqualTo("close");
            stopped.get(5, TimeUnit.SECONDS);
            assertThat(busy.closedByServer()).isTrue();
        }
    }
}
