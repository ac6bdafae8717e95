package org.nodeprocessexporter.testsupport;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child that misbehaves on request, for the alerting tests: named {@code alertchild}, it holds a
 * TCP listener on loopback and one established connection to it, prints {@code ready listen=PORT},
 * then answers commands on stdin, one line each:
 * <ul>
 *   <li>{@code leak R}: opens {@code /dev/null} until its open descriptors reach R (e.g. 0.9) of its
 *       soft open-files limit; answers {@code ok <descriptors>};</li>
 *   <li>{@code closewait N}: makes N connections to its listener whose accepted ends it closes,
 *       keeping its own: N sockets in CLOSE_WAIT; answers {@code ok};</li>
 * </ul>
 * and exits when stdin closes.
 */
public final class AlertChild {
    private AlertChild() {
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of("/proc/self/comm"), "alertchild".getBytes(StandardCharsets.US_ASCII));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket listener = new ServerSocket(0, 200, loopback);
        List<AutoCloseable> keep = new ArrayList<>();
        Socket client = new Socket(loopback, listener.getLocalPort());
        keep.add(client);
        keep.add(listener.accept());
        System.out.println("ready listen=" + listener.getLocalPort());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] command = line.strip().split(" ");
            switch (command[0]) {
                case "leak" -> {
                    long limit = softOpenFilesLimit();
                    double ratio = Double.parseDouble(command[1]);
                    while (openDescriptors() < ratio * limit) {
                        keep.add(new FileInputStream("/dev/null"));
                    }
                    System.out.println("ok " + openDescriptors());
                }
                case "closewait" -> {
                    for (int i = 0; i < Integer.parseInt(command[1]); i++) {
                        Socket halfClosed = new Socket(loopback, listener.getLocalPort());
                        listener.accept().close(); // the peer's FIN: our end waits in CLOSE_WAIT
                        keep.add(halfClosed);
                    }
                    Thread.sleep(200); // let the FINs arrive
                    System.out.println("ok");
                }
                default -> System.out.println("unknown command " + line);
            }
            System.out.flush();
        }
        for (AutoCloseable c : keep) {
            c.close();
        }
    }

    private static long openDescriptors() throws java.io.IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long softOpenFilesLimit() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring(26).strip().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no open-files limit in /proc/self/limits");
    }
}
