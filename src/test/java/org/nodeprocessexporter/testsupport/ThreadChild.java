package org.nodeprocessexporter.testsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child for thread counts: prints "ready", then on each line {@code add N} starts N threads that
 * sleep until it exits and answers "ok"; exits when its stdin closes. Start it with
 * {@code -XX:-UseDynamicNumberOfCompilerThreads} so that the JVM's own threads stay as many.
 */
public final class ThreadChild {
    private ThreadChild() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("add ")) {
                int n = Integer.parseInt(line.substring(4).strip());
                for (int i = 0; i < n; i++) {
                    Thread t = new Thread(() -> {
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "sleeper-" + i);
                    t.setDaemon(true);
                    t.start();
                }
                System.out.println("ok");
                System.out.flush();
            }
        }
    }
}
