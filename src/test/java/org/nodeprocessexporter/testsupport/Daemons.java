package org.nodeprocessexporter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The daemons the ntp, runit and supervisord tests talk to, started from Debian's packages
 * ({@code chrony}, {@code runit}, {@code supervisor}, which scripts/test.sh installs) in a test's
 * temporary directory, on free loopback ports, and stopped with everything they started on close.
 * A missing program fails the test: a CI that forgot the package cannot pass.
 */
public final class Daemons {
    private static final Duration READY = Duration.ofSeconds(20);

    private Daemons() {
    }

    static Path require(String program) {
        Path p = Path.of(program);
        assertThat(p).as(program + " (installed by scripts/test.sh with apt-get)").isExecutable();
        return p;
    }

    public static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** {@code daemon} once {@code ready} holds; closed, and an exception, when it does not within READY. */
    static <T extends AutoCloseable> T whenReady(T daemon, String what, BooleanSupplier ready) throws Exception {
        long until = System.nanoTime() + READY.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > until) {
                daemon.close();
                throw new IllegalStateException(what + " not ready within " + READY);
            }
            Thread.sleep(100);
        }
        return daemon;
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Runs a command to its end and returns its output (stdout and stderr). */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /**
     * supervisord in the foreground with an inet_http_server on a free loopback port, a
     * unix_http_server in the directory, and two programs: {@code runner} (started, a long sleep)
     * and {@code idle} ({@code autostart=false}, so STOPPED).
     */
    public static final class Supervisord implements AutoCloseable {
        public final Path dir;
        public final int port;
        public final Path socket;
        private final Process process;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private Supervisord(Path dir, int port, Process process) {
            this.dir = dir;
            this.port = port;
            this.socket = dir.resolve("supervisor.sock");
            this.process = process;
        }

        public static Supervisord start(Path dir) throws Exception {
            Path program = require("/usr/bin/supervisord");
            int port = freeTcpPort();
            Path conf = dir.resolve("supervisord.conf");
            Files.writeString(conf, """
                    [supervisord]
                    nodaemon=true
                    logfile=%1$s/supervisord.log
                    pidfile=%1$s/supervisord.pid
                    childlogdir=%1$s

                    [inet_http_server]
                    port=127.0.0.1:%2$d

                    [unix_http_server]
                    file=%1$s/supervisor.sock

                    [rpcinterface:supervisor]
                    supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

                    [program:runner]
                    command=/bin/sleep 100000
                    autostart=true
                    startsecs=1

                    [program:idle]
                    command=/bin/sleep 100000
                    autostart=false
                    """.formatted(dir, port));
            Process p = new ProcessBuilder(program.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Supervisord s = new Supervisord(dir, port, p);
            return whenReady(s, "supervisord", () -> {
                try {
                    return s.call("supervisor.getProcessInfo", "runner").contains("<string>RUNNING</string>");
                } catch (Exception e) {
                    return false;
                }
            });
        }

        public String url() {
            return "http://127.0.0.1:" + port + "/RPC2";
        }

        /** An XML-RPC call with string parameters, made with the JDK's HTTP client: the raw response. */
        public String call(String method, String... params) throws Exception {
            StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                    .append("</methodName><params>");
            for (String param : params) {
                body.append("<param><value><string>").append(param).append("</string></value></param>");
            }
            body.append("</params></methodCall>");
            HttpRequest request = HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }

        @Override
        public void close() throws InterruptedException {
            stop(process); // supervisord stops its programs on SIGTERM
        }
    }

    /**
     * runsvdir over a fresh service directory with two services: {@code sleeper} (runs a long
     * sleep) and {@code resting} (the same, but down by its {@code down} file).
     */
    public static final class Runsvdir implements AutoCloseable {
        public final Path services;
        private final Process process;

        private Runsvdir(Path services, Process process) {
            this.services = services;
            this.process = process;
        }

        public static Runsvdir start(Path dir) throws Exception {
            Path program = require("/usr/bin/runsvdir");
            require("/usr/bin/sv");
            Path services = Files.createDirectories(dir.resolve("service"));
            for (String name : List.of("sleeper", "resting")) {
                Path service = Files.createDirectories(services.resolve(name));
                Path run = service.resolve("run");
                Files.writeString(run, "#!/bin/sh\nexec sleep 100000\n");
                Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.writeString(services.resolve("resting").resolve("down"), "");
            Process p = new ProcessBuilder(program.toString(), services.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("runsvdir.log").toFile()).start();
            Runsvdir r = new Runsvdir(services, p);
            return whenReady(r, "runsvdir", () -> r.sv("status", "sleeper").startsWith("run:")
                    && r.sv("status", "resting").startsWith("down:"));
        }

        /** {@code sv [OPTION...] COMMAND SERVICE}: its output. */
        public String sv(String... optionsCommandService) {
            String[] cmd = new String[optionsCommandService.length + 1];
            cmd[0] = "/usr/bin/sv";
            System.arraycopy(optionsCommandService, 0, cmd, 1, optionsCommandService.length);
            cmd[cmd.length - 1] = services.resolve(cmd[cmd.length - 1]).toString();
            try {
                return run(cmd);
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            // runsvdir exits on TERM and leaves its runsv processes; stopped first, it cannot start
            // another runsv after "exit" stopped a service and its runsv
            stop(process);
            for (String name : List.of("sleeper", "resting")) {
                sv("force-stop", name);
                sv("exit", name);
            }
        }
    }

    /**
     * chronyd in the foreground, not touching the system clock ({@code -x}), serving NTP on a free
     * loopback port from its local clock at stratum 10, without command socket or upstream servers.
     */
    public static final class Chronyd implements AutoCloseable {
        public final int port;
        private final Process process;

        private Chronyd(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        public static Chronyd start(Path dir) throws Exception {
            Path program = require("/usr/sbin/chronyd");
            // chronyd drops root for _chrony once started: it must still reach its files
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            int port = freeUdpPort();
            Path conf = dir.resolve("chrony.conf");
            Files.writeString(conf, """
                    port %2$d
                    bindaddress 127.0.0.1
                    allow 127.0.0.1
                    local stratum 10
                    driftfile %1$s/drift
                    pidfile %1$s/chronyd.pid
                    cmdport 0
                    """.formatted(dir, port));
            Process p = new ProcessBuilder(program.toString(), "-d", "-x", "-f", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("chronyd.log").toFile()).start();
            return whenReady(new Chronyd(port, p), "chronyd", () -> {
                try {
                    return query(port, 4)[1] == 10;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    /**
     * A plain SNTP query made with the JDK's datagram socket (no TTL, 500-ms timeout), independent
     * of the exporter's client: the server's 48-byte reply.
     */
    public static byte[] query(int port, int version) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(500);
            byte[] request = new byte[48];
            request[0] = (byte) (version << 3 | 3);
            ByteBuffer.wrap(request).putLong(40, ThreadLocalRandom.current().nextLong());
            s.send(new DatagramPacket(request, 48, InetAddress.getLoopbackAddress(), port));
            byte[] reply = new byte[48];
            DatagramPacket packet = new DatagramPacket(reply, 48);
            s.receive(packet);
            return reply;
        }
    }

    /**
     * A UDP server on a free loopback port that answers every datagram with what {@code answer}
     * makes of it (null: no answer), on its own thread, until closed.
     */
    public static final class UdpResponder implements AutoCloseable {
        public interface Answer {
            byte[] to(byte[] request);
        }

        public final int port;
        private final DatagramSocket socket;
        private final Thread thread;
        public final List<byte[]> requests = java.util.Collections.synchronizedList(new ArrayList<>());

        public UdpResponder(Answer answer) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(100);
            port = socket.getLocalPort();
            thread = new Thread(() -> serve(answer), "udp-responder");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(Answer answer) {
            byte[] buf = new byte[1024];
            while (!socket.isClosed()) {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(in);
                    byte[] request = java.util.Arrays.copyOf(in.getData(), in.getLength());
                    requests.add(request);
                    byte[] reply = answer.to(request);
                    if (reply != null) {
                        socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                    }
                } catch (SocketTimeoutException e) {
                    // look at isClosed again
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(5000);
        }
    }
}
