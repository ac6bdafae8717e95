package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The point of the server: between scrapes neither the acceptor nor a kept-alive connection's
 * thread runs. The kernel counts how often each thread was scheduled (the third field of
 * {@code /proc/self/task/TID/schedstat}); over 2.5 s of idleness it must not grow by more than one.
 */
class IdleWakeupTest {
    private static final String CONNECTION_THREAD = "idle-conn-test";

    @Test
    void neitherTheAcceptorNorAnIdleConnectionWakesUp() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, CONNECTION_THREAD);
            t.setDaemon(true);
            return t;
        });
        BlockingHttpServer server = BlockingHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.setExecutor(pool);
        server.start();
        try (RawClient client = new RawClient(server.getAddress().getPort())) {
            assertThat(client.send("GET / HTTP/1.1\r\n\r\n").read().text()).isEqualTo("ok");
            Thread.sleep(200); // the connection thread goes back to its read
            Map<String, Long> before = runCounts();
            assertThat(before).containsKeys("http-acceptor", CONNECTION_THREAD);
            Thread.sleep(2500);
            Map<String, Long> after = runCounts();
            for (String thread : before.keySet()) {
                assertThat(after.get(thread) - before.get(thread)).as("times %s ran while idle", thread)
                        .isLessThanOrEqualTo(1);
            }
            // and the connection is still there to be reused
            assertThat(client.send("GET / HTTP/1.1\r\n\r\n").read().text()).isEqualTo("ok");
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    /** Times scheduled, by thread name, for the acceptor and connection threads of this JVM. */
    private static Map<String, Long> runCounts() throws IOException {
        Map<String, Long> counts = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                String schedstat;
                try {
                    name = Files.readString(task.resolve("comm")).trim();
                    schedstat = Files.readString(task.resolve("schedstat")).trim();
                } catch (IOException gone) {
                    continue; // a thread that ended meanwhile
                }
                if (name.equals("http-acceptor") || name.equals(CONNECTION_THREAD)) {
                    long ran = Long.parseLong(schedstat.split(" ")[2]);
                    counts.merge(name, ran, Long::sum);
                }
            }
        }
        return counts;
    }
}
