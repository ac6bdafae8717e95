package org.nodeprocessexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.web.HttpTestClient;

/** The exporter as a real process: SIGHUP re-reads configuration and keeps serving, SIGTERM stops it cleanly. */
class LifecycleTest {
    @Test
    void sighupReloadsAndSigtermStops(@TempDir Path tmp) throws Exception {
        Path names = tmp.resolve("names.yml");
        Files.writeString(names, "process_names:\n  - name: before-reload\n    comm: [java]\n");
        int port = ReferenceBinaries.freePort();
        Path log = tmp.resolve("exporter.log");
        List<String> cmd = Child.javaCommand(List.of(), Main.class, "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.process_detail", "--collector.loadavg",
                "--collector.process_detail.config.path=" + names);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpTestClient http = new HttpTestClient(port);
            assertThat(waitFor(http, "groupname=\"before-reload\"")).isTrue();

            Files.writeString(names, "process_names:\n  - name: after-reload\n    comm: [java]\n");
            signal(p, "HUP");
            assertThat(waitFor(http, "groupname=\"after-reload\"")).as(Files.readString(log)).isTrue();
            assertThat(p.isAlive()).isTrue();

            Files.writeString(names, "process_names:\n  - nmae: broken\n");
            signal(p, "HUP");
            Thread.sleep(500);
            assertThat(p.isAlive()).isTrue();
            assertThat(http.get("/metrics").body()).contains("groupname=\"after-reload\"");
            assertThat(Files.readString(log)).contains("reload failed, keeping the previous configuration")
                    .contains("unknown key \\\"nmae\\\"");

            signal(p, "TERM");
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            assertThat(Files.readString(log)).contains("msg=\"Shutting down\"");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * A SIGHUP the moment the port accepts (systemd's ExecReload right after start, or a config
     * manager reloading every agent it has just started) reloads; it does not end the exporter,
     * as the JVM's own SIGHUP action would before the exporter's handler is in place. Repeated,
     * because the moment varies: each round is a new exporter. The last round starts it under
     * nohup, with SIGHUP ignored, which the JVM would leave ignored.
     */
    @Test
    void aSighupAsSoonAsItListensReloadsAndDoesNotStopIt(@TempDir Path tmp) throws Exception {
        for (int round = 0; round < 4; round++) {
            int port = ReferenceBinaries.freePort();
            Path log = tmp.resolve("exporter-" + round + ".log");
            List<String> cmd = new java.util.ArrayList<>(round == 3 ? List.of("nohup") : List.of());
            cmd.addAll(Child.javaCommand(List.of(), Main.class, "--web.listen-address=127.0.0.1:" + port,
                    "--collector.disable-defaults", "--collector.loadavg"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                boolean listening = false;
                while (!listening && p.isAlive() && System.nanoTime() < until) {
                    try (java.net.Socket s = new java.net.Socket()) {
                        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 100);
                        listening = true;
                    } catch (java.io.IOException e) {
                        // not yet
                    }
                }
                assertThat(listening).as(Files.readString(log)).isTrue();
                assertThat(Kill.kill((int) p.pid(), 1)).isZero(); // SIGHUP, no process started between
                assertThat(waitFor(new HttpTestClient(port), "node_load1")).as(Files.readString(log)).isTrue();
                assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
                long logged = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Files.readString(log).contains("Reloading configuration") && System.nanoTime() < logged) {
                    Thread.sleep(20);
                }
                assertThat(Files.readString(log)).contains("Reloading configuration");
            } finally {
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** kill(2), straight from the test's JVM. */
    private static final class Kill {
        static {
            com.sun.jna.Native.register(Kill.class, "c");
        }

        static native int kill(int pid, int signal);
    }

    private static void signal(Process p, String signal) throws Exception {
        assertThat(ReferenceBinaries.run(List.of("kill", "-" + signal, Long.toString(p.pid())), null).status()).isZero();
    }

    private static boolean waitFor(HttpTestClient http, String text) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            try {
                if (http.get("/metrics").body().contains(text)) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }
}
