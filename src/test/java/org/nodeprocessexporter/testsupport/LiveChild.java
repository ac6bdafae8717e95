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
 * touches memory and opens files as asked, prints "ready", and exits when its stdin closes;
 * on the line {@code swap} one worker thread ends and a new one starts; on {@code work N} one worker
 * sleeps N times for a millisecond.
 * Arguments: {@code comm threads memMiB files}.
 */
public final class LiveChild {
    private LiveChild() {
    }

    /** Jobs for the workers: sleep this many times for a millisecond, then report on {@link #FINISHED}. */
    private static final java.util.concurrent.BlockingQueue<Integer> JOBS = new java.util.concurrent.LinkedBlockingQueue<>();
    private static final java.util.concurrent.BlockingQueue<Integer> FINISHED = new java.util.concurrent.LinkedBlockingQueue<>();

    private static Thread worker(CountDownLatch done, String name) {
        Thread t = new Thread(() -> {
            try {
                while (done.getCount() > 0) {
                    int sleeps = JOBS.take();
                    for (int i = 0; i < sleeps; i++) {
                        Thread.sleep(1); // a voluntary context switch each
                    }
                    FINISHED.put(sleeps);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
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
        java.util.ArrayDeque<Thread> workers = new java.util.ArrayDeque<>();
        for (int i = 0; i < threads; i++) {
            workers.add(worker(done, "worker-" + i));
        }
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int next = threads;
        while ((line = in.readLine()) != null) {
            if (line.equals("swap")) {
                // one worker ends, a new one takes its place: the same number of threads, other ids
                Thread old = workers.poll();
                old.interrupt();
                old.join();
                workers.add(worker(done, "worker-" + next++));
                System.out.println("swapped " + old.getName());
                System.out.flush();
            } else if (line.startsWith("work ")) {
                // a worker that has been idle sleeps briefly many times: same threads, more switches
                JOBS.put(Integer.parseInt(line.substring(5)));
                System.out.println("worked " + FINISHED.take());
                System.out.flush();
            }
        }
        done.countDown();
        System.out.println(memory.get(0) + open.size());
    }
}
