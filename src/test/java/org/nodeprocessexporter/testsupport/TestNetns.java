package org.nodeprocessexporter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of the test's own (named after the JVM's pid, so parallel runs do not meet),
 * with commands and long-running programs started inside it through {@code ip netns exec}, and
 * everything removed on close, also when the test failed: the programs first, then whatever else
 * still runs in the namespace, then the namespace.
 */
public final class TestNetns implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();

    public final String name;
    private final List<Process> started = new ArrayList<>();

    private TestNetns(String name) {
        this.name = name;
    }

    /** A new namespace with its loopback up. */
    public static TestNetns create() throws Exception {
        TestNetns ns = new TestNetns("npe" + ProcessHandle.current().pid() + "n" + NEXT.incrementAndGet());
        run(List.of("ip", "netns", "add", ns.name));
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (Exception | AssertionError e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** {@code ip -n NS args...}, which must succeed. */
    public String ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** A command inside the namespace, which must succeed; its standard output. */
    public String exec(String... args) throws Exception {
        return run(inside(List.of(args)));
    }

    /** The command line that runs {@code cmd} inside the namespace. */
    public List<String> inside(List<String> cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(cmd);
        return all;
    }

    /** Starts {@code cmd} inside the namespace; stopped on close. Its output goes to {@code log}. */
    public Process start(List<String> cmd, Path log) throws IOException {
        Process p = new ProcessBuilder(inside(cmd)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    /** Waits until something in the namespace listens on TCP {@code port} (the program is up). */
    public void awaitListener(int port, Process p, Path log) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (exec("ss", "-Htln", "sport = :" + port).contains(":" + port)) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("nothing listens on " + port + " in " + name + ": "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** GET http://127.0.0.1:port/metrics from inside the namespace (one connection). */
    public String scrape(int port) throws Exception {
        return exec("curl", "-sS", "--max-time", "20", "http://127.0.0.1:" + port + "/metrics");
    }

    public static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        assertThat(p.exitValue()).as("%s failed: %s", cmd, out).isZero();
        return out;
    }

    @Override
    public void close() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Process pids = new ProcessBuilder("ip", "netns", "pids", name).redirectErrorStream(true).start();
        for (String pid : new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        pids.waitFor(10, TimeUnit.SECONDS);
        new ProcessBuilder("ip", "netns", "del", name).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
}
