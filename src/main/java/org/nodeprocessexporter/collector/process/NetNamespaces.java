package org.nodeprocessexporter.collector.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.ReadStatus;
import org.nodeprocessexporter.procfs.SocketTable;
import org.nodeprocessexporter.procfs.Sockstat;

/**
 * The TCP and UDP socket tables of every network namespace seen in a scrape, each read once per
 * scrape through the first process found in it, so a process in a container is matched against
 * its own namespace's sockets and the host's tables are not read once per process.
 */
final class NetNamespaces {
    /** Protocol of each table, in table order, as an index into {@link SocketSeries#PROTOCOLS}. */
    static final int[] PROTOCOL_INDEX = {0, 0, 1, 1};
    private static final String[] FILES = {"tcp", "tcp6", "udp", "udp6"};
    /** The protocol line of each table in {@code sockstat} (IPv4) or {@code sockstat6}. */
    private static final String[] SOCKSTAT = {"TCP", "TCP6", "UDP", "UDP6"};

    /** The four tables of one namespace. */
    static final class Tables {
        final SocketTable[] tables = {new SocketTable(false), new SocketTable(true), new SocketTable(false),
                new SocketTable(true)};
        long loadedInScrape = -1;
        long seenInScrape = -1;
        boolean loaded;

        /**
         * The half-open connections waiting for the socket in {@code row} of table {@code t} if it
         * is a TCP listener (0 otherwise). An IPv6 listener bound to :: or to an IPv4-mapped
         * address also takes IPv4 connections, whose request sockets are IPv4 ones in the tcp
         * table; those count for it unless an IPv4 socket listens on the same port (an IPV6_V6ONLY
         * listener next to an IPv4 one), so no request counts twice.
         */
        int requestsFor(int t, int row) {
            if (t > 1) {
                return 0;
            }
            SocketTable l = tables[t];
            if (l.state(row) != 10) {
                return 0;
            }
            int port = l.localPort(row);
            long hi = l.localHi(row);
            long lo = l.localLo(row);
            boolean any = hi == 0 && lo == 0;
            int n = l.requestsTo(port, any, hi, lo);
            boolean mapped = hi == 0 && (lo >>> 32) == 0xFFFFL;
            if (t == 1 && (any || mapped) && !tables[0].listensOn(port)) {
                n += tables[0].requestsTo(port, any, 0, lo & 0xFFFFFFFFL);
            }
            return n;
        }

        /** Whether a socket with this inode is in one of the tables. */
        boolean contains(long inode) {
            for (SocketTable t : tables) {
                if (t.rowOfInode(inode) >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<Long, Tables> byInode = new HashMap<>();
    private final ProcFile file;
    private long scrape;
    long malformedLines;
    /** Tables not read because sockstat said the namespace had no socket of them. */
    long tablesSkipped;

    NetNamespaces(ProcFile file) {
        this.file = file;
    }

    void begin(long scrapeNumber) {
        this.scrape = scrapeNumber;
    }

    /** The tables of {@code p}'s namespace, loading them through {@code p} the first time this scrape; null if unknown. */
    Tables tablesOf(TrackedProcess p) {
        // a process enters another namespace by setns/unshare, mostly just before an exec (ip netns
        // exec, container runtimes), which changes its comm and so makes this scrape a refresh
        long ns = p.refresh || p.netnsInode <= 0 ? namespaceInode(p.dir) : p.netnsInode;
        p.netnsInode = ns;
        if (ns <= 0) {
            return null;
        }
        Tables t = byInode.computeIfAbsent(ns, n -> new Tables());
        t.seenInScrape = scrape;
        if (t.loadedInScrape != scrape) {
            boolean ok = true;
            Path net = p.dir.resolve("net");
            long[] inuse = inuse(net);
            for (int i = 0; i < FILES.length; i++) {
                if (inuse[i] == 0) {
                    // the kernel walks its whole connection hash (262,144 buckets on a 24 GiB host,
                    // ~4 ms) to print a table even when the namespace has no socket of it, as
                    // tcp6 often is; sockstat counts them for free
                    t.tables[i].clear();
                    tablesSkipped++;
                    continue;
                }
                ReadStatus st = t.tables[i].read(file, net.resolve(FILES[i]));
                // a missing tcp6/udp6 only means IPv6 is off in that namespace
                if (st != ReadStatus.OK && !(st == ReadStatus.GONE && (i == 1 || i == 3) && processAlive(p))) {
                    ok = false;
                }
                malformedLines += t.tables[i].malformedLines();
            }
            if (!ok) {
                return null; // try again through the next process of this namespace
            }
            t.loadedInScrape = scrape;
            t.loaded = true;
        }
        return t;
    }

    /**
     * Sockets in use per table, from the namespace's {@code sockstat} and {@code sockstat6}: the
     * sockets hashed for lookup, which are the ones the tables list (with an inode; TIME_WAIT and
     * requests have none). -1 where unknown: that table is read.
     */
    private static long[] inuse(Path net) {
        long[] inuse = {-1, -1, -1, -1};
        for (String name : new String[] {"sockstat", "sockstat6"}) {
            Sockstat stat;
            try {
                stat = Sockstat.read(net.resolve(name));
            } catch (IOException | RuntimeException e) {
                continue; // no IPv6, a copied tree without it: read the tables
            }
            for (int i = 0; i < SOCKSTAT.length; i++) {
                long n = stat.inuse(SOCKSTAT[i]);
                if (n >= 0) {
                    inuse[i] = n;
                }
            }
        }
        return inuse;
    }

    /** Drops the tables of namespaces no process was seen in this scrape. */
    void end() {
        for (Iterator<Tables> it = byInode.values().iterator(); it.hasNext(); ) {
            if (it.next().seenInScrape != scrape) {
                it.remove();
            }
        }
    }

    int size() {
        return byInode.size();
    }

    private static boolean processAlive(TrackedProcess p) {
        return Files.exists(p.dir);
    }

    /** The inode of {@code /proc/<pid>/ns/net} ({@code net:[4026531840]}), or -1. */
    static long namespaceInode(Path pidDir) {
        String target;
        try {
            target = Files.readSymbolicLink(pidDir.resolve("ns").resolve("net")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
        int open = target.indexOf('[');
        int close = target.indexOf(']', open + 1);
        if (!target.startsWith("net:") || open < 0 || close < 0) {
            return -1;
        }
        try {
            return Long.parseLong(target.substring(open + 1, close));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
