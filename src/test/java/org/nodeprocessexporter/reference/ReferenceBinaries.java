package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nodeprocessexporter.web.HttpTestClient;

/**
 * The reference programs from Debian's packages that .ci/run installs: node_exporter 1.5,
 * process-exporter 0.7.10, Prometheus and promtool. Tests that compare against them fail (not skip)
 * when they are missing, so a CI that forgot to install them cannot pass.
 */
public final class ReferenceBinaries {
    public static final Path NODE_EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");
    public static final Path PROCESS_EXPORTER = Path.of("/usr/bin/prometheus-process-exporter");
    public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private ReferenceBinaries() {
    }

    public static Path require(Path binary) {
        assertThat(binary).as("reference binary (installed by .ci/run with apt-get)").isExecutable();
        return binary;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A reference exporter started on a loopback port, stopped on close. */
    public static final class Running implements AutoCloseable {
        public final Process process;
        public final int port;
        public final HttpTestClient http;

        Running(Process process, int port) {
            this.process = process;
            this.port = port;
            this.http = new HttpTestClient(port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Starts {@code binary} with its listen flag on a free port plus {@code args}, and waits until it serves. */
    public static Running start(Path binary, String listenFlag, Path log, String... args) throws Exception {
        return start(List.of(require(binary).toString()), Map.of(), listenFlag, log, args);
    }

    /**
     * Starts {@code program} (a command line, e.g. a wrapper and the binary) with {@code env} added
     * to its environment, its listen flag on a free port and {@code args}; waits until it serves.
     */
    public static Running start(List<String> program, Map<String, String> env, String listenFlag, Path log,
            String... args) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(program);
        command.add(listenFlag + "=127.0.0.1:" + port);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        String binary = String.join(" ", program);
        Running r = new Running(p, port);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            try {
                if (r.http.get("/metrics").statusCode() == 200) {
                    return r;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
            if (!p.isAlive()) {
                break;
            }
        }
        r.close();
        throw new IllegalStateException(binary + " did not start: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Runs a command to completion; returns its exit status and combined output. */
    public static CommandResult run(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CommandResult(p.exitValue(), out);
    }

    public record CommandResult(int status, String output) {
    }
}
