package org.nodeprocessexporter.testsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process started by a test, stopped on close; {@link #pid} once it said "ready". */
public final class Child implements AutoCloseable {
    public final Process process;
    public final long pid;
    /** What the child printed after "ready" on its first line. */
    public final String info;
    private final BufferedReader out;

    private Child(Process process) {
        this(process, "", null);
    }

    private Child(Process process, String info, BufferedReader out) {
        this.process = process;
        this.pid = process.pid();
        this.info = info;
        this.out = out;
    }

    /** Sends one command line to a child that reads its stdin (LiveChild) and returns its one-line answer. */
    public String ask(String command) throws java.io.IOException {
        process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        return out.readLine();
    }

    /** Writes one line to the child's stdin (a shell child waiting in {@code read}). */
    public void say(String line) throws java.io.IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Starts {@link LiveChild} in a small JVM and waits for it to be ready. */
    public static Child java(Class<?> main, String... args) throws Exception {
        return wrapped(List.of(), List.of(), main, args);
    }

    /** The java command line for {@code main}, with extra JVM options. */
    public static List<String> javaCommand(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx32m", "-XX:MaxDirectMemorySize=512m", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Starts {@code main} in a small JVM, behind {@code prefix} (e.g. {@code unshare --net ...}),
     * and waits for its "ready" line.
     */
    public static Child wrapped(List<String> prefix, List<String> jvmOptions, Class<?> main, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(javaCommand(jvmOptions, main, args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready")) {
            p.destroyForcibly();
            throw new IllegalStateException("child did not start: " + line);
        }
        return new Child(p, line.substring("ready".length()).strip(), out);
    }

    /** Runs {@code program} under another name: a copy of it called {@code comm} in {@code dir}. */
    public static Child renamed(Path dir, String program, String comm, String... args) throws Exception {
        Path copy = dir.resolve(comm);
        Files.copy(Path.of(program), copy);
        copy.toFile().setExecutable(true);
        List<String> cmd = new ArrayList<>(List.of(copy.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            try {
                if (Files.readString(Path.of("/proc/" + p.pid() + "/comm")).strip().equals(comm)) {
                    return new Child(p);
                }
            } catch (java.io.IOException e) {
                // not there yet
            }
            Thread.sleep(10);
        }
        p.destroyForcibly();
        throw new IllegalStateException("child never ran as " + comm);
    }

    public void stop() throws InterruptedException, java.io.IOException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            process.getOutputStream().close();
        } catch (java.io.IOException e) {
            // already closed
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
