package org.nodeprocessexporter.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Waiting for a child process to reach a state, read from its /proc files. */
public final class ProcWait {
    private ProcWait() {
    }

    /** Until the process's comm is {@code comm} (it executed the program), at most 10 s. */
    public static void untilComm(long pid, String comm) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!Files.readString(Path.of("/proc/" + pid + "/comm")).strip().equals(comm)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("process " + pid + " never ran as " + comm);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Until the process sleeps and its state, minor faults and CPU time stand still between two
     * looks (it waits for input again); with {@code ran}, only once it has used some CPU.
     */
    public static void untilIdle(long pid, boolean ran) throws Exception {
        String last = "";
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            String now = f[0] + " " + f[7] + " " + f[11] + " " + f[12];
            boolean used = Long.parseLong(f[11]) + Long.parseLong(f[12]) > 0;
            if (f[0].equals("S") && now.equals(last) && (used || !ran)) {
                return;
            }
            last = now;
            Thread.sleep(ran ? 50 : 5);
        }
        throw new AssertionError("process " + pid + " never went idle");
    }
}
