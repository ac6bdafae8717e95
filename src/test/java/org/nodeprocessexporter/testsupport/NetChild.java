package org.nodeprocessexporter.testsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child holding known sockets for netstat tests. {@code all ADDRESS}: a TCP listener, an
 * established connection to it (both ends), an unconnected and a connected UDP socket, and a
 * client whose peer closed (CLOSE_WAIT), all on ADDRESS. {@code listen ADDRESS}: one TCP listener.
 * {@code connect ADDRESS PORT N}: N connections to ADDRESS:PORT (and still the listener).
 * Prints {@code ready k=v ...} with the ports, then waits for stdin to close.
 */
public final class NetChild {
    private NetChild() {
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of("/proc/self/comm"), "netchild".getBytes(StandardCharsets.US_ASCII));
        InetAddress address = InetAddress.getByName(args[1]);
        List<AutoCloseable> keep = new ArrayList<>();
        StringBuilder info = new StringBuilder("ready");
        ServerSocket listener = new ServerSocket(0, 50, args[0].equals("connect") ? null : address);
        keep.add(listener);
        info.append(" listen=").append(listener.getLocalPort());
        if (args[0].equals("all")) {
            Socket client = new Socket(address, listener.getLocalPort());
            Socket accepted = listener.accept();
            keep.add(client);
            keep.add(accepted);
            info.append(" client=").append(client.getLocalPort());

            Socket halfClosed = new Socket(address, listener.getLocalPort());
            Socket peer = listener.accept();
            peer.close(); // the client gets a FIN and sits in CLOSE_WAIT while it keeps its end open
            keep.add(halfClosed);
            info.append(" closewait=").append(halfClosed.getLocalPort());

            DatagramSocket unconnected = new DatagramSocket(new InetSocketAddress(address, 0));
            keep.add(unconnected);
            info.append(" udp=").append(unconnected.getLocalPort());
            DatagramSocket connected = new DatagramSocket(new InetSocketAddress(address, 0));
            connected.connect(new InetSocketAddress(address, unconnected.getLocalPort()));
            keep.add(connected);
            info.append(" udpconn=").append(connected.getLocalPort());
            Thread.sleep(200); // let the FIN arrive
        }
        if (args[0].equals("connect")) {
            for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(address, Integer.parseInt(args[2])), 5000);
                keep.add(s);
            }
        }
        System.out.println(info);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // wait for the parent to close stdin
        }
        for (AutoCloseable c : keep) {
            c.close();
        }
    }
}
