package org.nodeprocessexporter.collector.process;

/**
 * Counters of one thread (or the totals of exited threads of one name): context switches always,
 * CPU, faults and I/O only when per-thread metrics are on.
 */
final class ThreadCounters {
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
