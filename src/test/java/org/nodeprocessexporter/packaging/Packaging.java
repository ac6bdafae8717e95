package org.nodeprocessexporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.web.HttpTestClient;

/**
 * What the packaging tests share: the artifacts {@code mvn package} built (failsafe passes the
 * versions), the tools they need (a missing one fails the test, naming its Debian package), and
 * running commands and scraping with bounded waits.
 */
final class Packaging {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final String VERSION = System.getProperty("project.version");
    static final String DEB_VERSION = System.getProperty("deb.version");
    static final String IMAGE_NAME = System.getProperty("image.name", "node-process-exporter");

    private Packaging() {
    }

    static Path deb() {
        return artifact("node-process-exporter_" + DEB_VERSION + "_all.deb");
    }

    static Path tarball() {
        return artifact("node-process-exporter-" + VERSION + ".tar.gz");
    }

    static Path imageArchive() {
        return artifact(IMAGE_NAME + "-" + VERSION + ".oci.tar");
    }

    static Path jar() {
        return artifact("node-process-exporter.jar");
    }

    static Path artifact(String name) {
        assertThat(VERSION).as("project.version (set by failsafe: run these with mvn verify)").isNotNull();
        Path p = TARGET.resolve(name);
        assertThat(p).as("built by mvn package").isRegularFile();
        return p;
    }

    /** The tool on the PATH; fails (never skips) when it is missing. */
    static String requireTool(String name, String debianPackage) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " is missing: install the Debian package " + debianPackage
                + " (scripts/test.sh installs it)");
    }

    record Result(int status, String output) {
        Result ok(String what) {
            assertThat(status).as(what + ":\n" + output).isZero();
            return this;
        }
    }

    /** Runs a command to completion (at most {@code timeout}); its exit status and combined output. */
    static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        return run(timeout, command, null);
    }

    static Result run(Duration timeout, List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        // read on another thread, so a command that never ends cannot hold the test past its timeout
        var output = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try {
                output.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.complete("(output unreadable: " + e + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
        }
        try {
            return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue(), "(output unreadable: " + e + ")");
        }
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(2), List.of(command));
    }

    /** GETs /metrics from an exporter that is starting: waits (bounded) until it answers. */
    static String scrapeWhenUp(HttpTestClient http, Process process, Path log) throws Exception {
        return scrapeWhenUp(http, process::isAlive,
                () -> log != null && Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
    }

    /** The same for an exporter that {@code alive} tells about, with {@code log} for the failure message. */
    static String scrapeWhenUp(HttpTestClient http, java.util.concurrent.Callable<Boolean> alive,
            java.util.concurrent.Callable<String> log) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < until) {
            try {
                var response = http.get("/metrics");
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!alive.call()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the exporter did not answer:\n" + log.call());
    }

    /** node_scrape_collector_success by collector. */
    static Map<String, Double> collectorSuccess(Exposition e) {
        Map<String, Double> out = new TreeMap<>();
        e.family("node_scrape_collector_success").forEach((key, value) -> out.put(
                key.substring(key.indexOf("collector=\"") + 11, key.lastIndexOf('"')), value));
        return out;
    }

    /** The collectors that succeeded. */
    static List<String> succeeded(Exposition e) {
        List<String> out = new ArrayList<>();
        collectorSuccess(e).forEach((name, value) -> {
            if (value == 1.0) {
                out.add(name);
            }
        });
        return out;
    }

    /** A line for target/packaging-measurements.txt, the numbers docs/deployment.md quotes. */
    static void measured(String line) throws IOException {
        System.out.println("measured: " + line);
        Files.writeString(TARGET.resolve("packaging-measurements.txt"), line + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
