package org.nodeprocessexporter.collector.process;

/**
 * Counters of one thread (or the totals of exited threads of one name): context switches always;
 * name, CPU, faults and I/O in a {@link Detail} only when per-thread metrics are on, so the
 * thousands of threads of a host cost 64 bytes each otherwise.
 */
final class ThreadCounters {
    /** The thread id; 0 for the totals of exited threads. */
    final int tid;
    long voluntary;
    long nonvoluntary;
    long seenInScrape;
    /**
     * From the thread's schedstat when its status was last read: CPU time in ns and times
     * scheduled in (0: unknown, always read the status), and the state it showed then.
     */
    long runtimeNs;
    long timeslices;
    ThreadState state;
    /** Per-thread metrics only; null otherwise. */
    private Detail detail;

    /** What per-thread metrics add. */
    static final class Detail {
        String name;
        long utime;
        long stime;
        long minflt;
        long majflt;
        long readBytes;
        long writeBytes;
        /** The kernel function it waits in ({@code wchan}); null when running, or not known. */
        String wchan;
    }

    ThreadCounters(int tid) {
        this.tid = tid;
    }

    /** The per-thread-metric fields, created on first use. */
    Detail detail() {
        if (detail == null) {
            detail = new Detail();
        }
        return detail;
    }

    String name() {
        return detail == null ? null : detail.name;
    }

    long utime() {
        return detail == null ? 0 : detail.utime;
    }

    long stime() {
        return detail == null ? 0 : detail.stime;
    }

    long minflt() {
        return detail == null ? 0 : detail.minflt;
    }

    long majflt() {
        return detail == null ? 0 : detail.majflt;
    }

    long readBytes() {
        return detail == null ? 0 : detail.readBytes;
    }

    long writeBytes() {
        return detail == null ? 0 : detail.writeBytes;
    }

    String wchan() {
        return detail == null ? null : detail.wchan;
    }

    void addTo(ThreadCounters total) {
        total.voluntary += voluntary;
        total.nonvoluntary += nonvoluntary;
        if (detail != null) {
            Detail d = total.detail();
            d.utime += detail.utime;
            d.stime += detail.stime;
            d.minflt += detail.minflt;
            d.majflt += detail.majflt;
            d.readBytes += detail.readBytes;
            d.writeBytes += detail.writeBytes;
        }
    }
}
