package org.nodeprocessexporter.testsupport;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A child process with known properties for live tests: it renames itself, starts threads,
 * touches memory and opens files as asked, prints "ready", and exits when its stdin closes.
 * Arguments: {@code comm threads memMiB files}.
 */
public final class LiveChild {
    private LiveChild() {
    }

    public static void main(String[] args) throws Exception {
        String comm = args[0];
        int threads = Integer.parseInt(args[1]);
        int memMiB = Integer.parseInt(args[2]);
        int files = Integer.parseInt(args[3]);
        Files.write(Path.of("/proc/self/comm"), comm.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer memory = ByteBuffer.allocateDirect(memMiB << 20);
        for (int i = 0; i < memory.capacity(); i += 4096) {
            memory.put(i, (byte) 1);
        }
        List<FileInputStream> open = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            open.add(new FileInputStream("/dev/null"));
        }
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // wait for the parent to close stdin
        }
        done.countDown();
        System.out.println(memory.get(0) + open.size());
    }
}
