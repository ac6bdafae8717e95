package org.nodeprocessexporter.collector.process;

/**
 * Counters of one thread (or the totals of exited threads of one name): context switches always,
 * CPU, faults and I/O only when per-thread metrics are on.
 */
final class ThreadCounters {
    /** The thread id; 0 for the totals of exited threads. */
    final int tid;
    String name;
    long voluntary;
    long nonvoluntary;
    long utime;
    long stime;
    long minflt;
    long majflt;
    long readBytes;
    long writeBytes;
    long seenInScrape;
    /**
     * From the thread's schedstat when its status was last read: CPU time in ns and times
     * scheduled in (0: unknown, always read the status), and the state it showed then.
     */
    long runtimeNs;
    long timeslices;
    ThreadState state;

    ThreadCounters(int tid) {
        this.tid = tid;
    }

    void addTo(ThreadCounters total) {
        total.voluntary += voluntary;
        total.nonvoluntary += nonvoluntary;
        total.utime += utime;
        total.stime += stime;
        total.minflt += minflt;
        total.majflt += majflt;
        total.readBytes += readBytes;
        total.writeBytes += writeBytes;
    }
}
