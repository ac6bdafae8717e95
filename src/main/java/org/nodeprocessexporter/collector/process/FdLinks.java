package org.nodeprocessexporter.collector.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.procfs.FdTable;
import org.nodeprocessexporter.procfs.LongIntMap;
import org.nodeprocessexporter.procfs.ReadStatus;
import org.nodeprocessexporter.procfs.SocketTable;

/**
 * Which sockets each process holds, from the links in {@code /proc/<pid>/fd}, without reading
 * every link every scrape. Reading links is the largest single cost of netstat (a {@code readlink}
 * per descriptor per scrape, as {@code ss -p} does), while descriptor tables rarely change between
 * two scrapes, and a busy server's only in part. So a process's links are remembered: a
 * descriptor number it did not have in the last scrape has its link read, one it had keeps the
 * remembered link, unless a check against this scrape's socket tables says it may be wrong:
 *
 * <ol>
 *   <li>a remembered socket is no longer in its namespace's tables (it was closed, so its
 *       descriptor number now points elsewhere): that link is read again;</li>
 *   <li>a remembered socket is claimed by another process too (inherited or passed; one holder
 *       may have closed it and reused the number): every holder's link to it is read again;</li>
 *   <li>a socket that no process claims, in this scrape and the previous one, and that was not
 *       already unclaimed after a full read (a descriptor that was a file or pipe may now be a
 *       socket): every remembered link of that namespace's processes is read again, and
 *       whatever is still unclaimed then is known to belong to no scanned process (kernel
 *       sockets, processes outside every group). Waiting for the second scrape keeps sockets
 *       opened during a scrape, after their process was scanned, from setting it off: by the next
 *       scrape their process's descriptor numbers changed, or rule 1 caught them. So a socket
 *       that took over a file's descriptor number is reported one scrape late.</li>
 * </ol>
 *
 * <p>And every process's links are read in full on its refresh scrapes ({@link TrackedProcess#refresh}:
 * every {@value ProcessTracker#REFRESH_EVERY} scrapes, staggered by pid, and after an exec), which bounds how long anything these checks cannot see (a socket moved to a
 * process this exporter does not scan) can stay wrong. Processes not scanned at all (not in a
 * group) make rule 3 fire for every socket they open; the cache then saves nothing but stays
 * right.
 */
final class FdLinks {
    private static final int SHARED = -2;
    private static final int PENDING = 1;
    private static final int CONFIRMED = 2;

    private final FdTable table;
    private final LongIntMap claims = new LongIntMap(1024);
    private int[] scratchFds = new int[256];
    private long[] scratchLinks = new long[256];
    /** Per namespace: the sockets no process claimed in the previous scrape, {@link #PENDING} or {@link #CONFIRMED}. */
    private Map<NetNamespaces.Tables, LongIntMap> unclaimed = new HashMap<>();
    long linksRead;

    /** Reads one descriptor's link: {@link FdTable#linkInode}, or a stand-in in tests. */
    @FunctionalInterface
    interface LinkReader {
        long inode(Path fdDir, int fd);
    }

    private final LinkReader reader;

    FdLinks(FdTable table) {
        this(table, FdTable::linkInode);
    }

    FdLinks(FdTable table, LinkReader reader) {
        this.table = table;
        this.reader = reader;
    }

    /**
     * Lists the descriptors of {@code p} and reads the links of numbers it did not have in the
     * last scrape (all of them when a full read is due); the remembered links of the others stand
     * until {@link #validate}. Sets the socket inodes; returns the listing's status.
     */
    ReadStatus scan(TrackedProcess p, long scrape) {
        Path fdDir = p.dir.resolve("fd");
        boolean full = p.linksReadInScrape < 0 || p.refresh;
        if (!full && p.fdCount > 0 && table.sizeCount(fdDir) == p.fdCount) {
            // as many descriptors as last time: taken as the same numbers, one stat instead of a
            // listing; validate() catches a number that changed (its socket is gone, or a new
            // socket is unclaimed), and the next refresh lists again
            p.linksReused = true;
            p.collectSockets();
            return ReadStatus.OK;
        }
        ReadStatus st = table.list(fdDir);
        if (st != ReadStatus.OK) {
            p.fdCount = 0;
            p.socketCount = 0;
            return st;
        }
        int n = table.fdCount();
        int[] fds = table.fds();
        if (scratchFds.length < n) {
            scratchFds = new int[Math.max(n, scratchFds.length * 2)];
            scratchLinks = new long[scratchFds.length];
        }
        int[] newFds = scratchFds;
        long[] newLinks = scratchLinks;
        boolean reused = false;
        boolean denied = false;
        // both lists are sorted: a number in both keeps its remembered link, a new one is read
        for (int i = 0, j = 0; i < n; i++) {
            int fd = fds[i];
            while (!full && j < p.fdCount && p.fds[j] < fd) {
                j++;
            }
            newFds[i] = fd;
            if (!full && j < p.fdCount && p.fds[j] == fd) {
                newLinks[i] = p.links[j];
                reused = true;
            } else if (denied) {
                // whether a link may be read is decided per process (ptrace access): after one
                // refusal the others would be refused too, each with an exception
                newLinks[i] = FdTable.LINK_DENIED;
            } else {
                newLinks[i] = reader.inode(fdDir, fd);
                denied = newLinks[i] == FdTable.LINK_DENIED;
                linksRead++;
            }
        }
        if (p.fds.length < n) {
            p.fds = new int[n];
            p.links = new long[n];
        }
        System.arraycopy(newFds, 0, p.fds, 0, n);
        System.arraycopy(newLinks, 0, p.links, 0, n);
        p.fdCount = n;
        if (full) {
            p.linksReadInScrape = scrape;
        }
        p.linksReused = reused;
        p.collectSockets();
        return ReadStatus.OK;
    }

    /**
     * After every process was scanned and given its namespace's tables: re-reads the remembered
     * links the three rules above put in doubt.
     */
    void validate(Iterable<TrackedProcess> processes, long scrape, NetNamespaces namespaces) {
        claims.clear();
        Map<NetNamespaces.Tables, List<TrackedProcess>> reusedByNamespace = new HashMap<>();
        for (TrackedProcess p : processes) {
            if (p.netTables == null) {
                continue;
            }
            for (int i = 0; i < p.socketCount; i++) {
                claim(p.sockets[i], p.pid);
            }
            if (p.linksReused && p.netTables != null) {
                reusedByNamespace.computeIfAbsent(p.netTables, t -> new ArrayList<>()).add(p);
            }
        }
        // rules 1 and 2
        for (List<TrackedProcess> list : reusedByNamespace.values()) {
            for (TrackedProcess p : list) {
                boolean changed = false;
                Path fdDir = null;
                for (int i = 0; i < p.fdCount; i++) {
                    long inode = p.links[i];
                    if (inode <= 0 || (claims.get(inode) != SHARED && p.netTables.contains(inode))) {
                        continue;
                    }
                    fdDir = fdDir == null ? p.dir.resolve("fd") : fdDir;
                    p.links[i] = reader.inode(fdDir, p.fds[i]);
                    linksRead++;
                    changed |= p.links[i] != inode;
                }
                if (changed) {
                    p.collectSockets();
                    for (int i = 0; i < p.socketCount; i++) {
                        claim(p.sockets[i], p.pid);
                    }
                }
            }
        }
        // rule 3: if it fires anywhere, processes without sockets (namespace unknown) are re-read too
        java.util.Set<NetNamespaces.Tables> seen = new java.util.HashSet<>();
        java.util.Set<NetNamespaces.Tables> fired = new java.util.HashSet<>();
        for (TrackedProcess p : processes) {
            NetNamespaces.Tables t = p.netTables;
            if (t != null && seen.add(t) && unclaimedTwice(t, unclaimed.get(t))) {
                fired.add(t);
            }
        }
        if (!fired.isEmpty()) {
            if (org.nodeprocessexporter.Log.enabled(org.nodeprocessexporter.Log.Level.DEBUG)) {
                org.nodeprocessexporter.Log.debug("sockets unclaimed twice: re-reading remembered fd links",
                        "namespaces", fired.size());
            }
            for (TrackedProcess p : processes) {
                if (!p.linksReused || p.linksReadInScrape == scrape
                        || (p.netTables != null && !fired.contains(p.netTables))) {
                    continue;
                }
                readAll(p, scrape);
                if (p.netTables == null && p.socketCount > 0) {
                    p.netTables = namespaces.tablesOf(p);
                    if (p.netTables != null) {
                        seen.add(p.netTables);
                    }
                }
                for (int i = 0; i < p.socketCount; i++) {
                    claim(p.sockets[i], p.pid);
                }
            }
        }
        Map<NetNamespaces.Tables, LongIntMap> nowUnclaimed = new HashMap<>();
        for (NetNamespaces.Tables t : seen) {
            nowUnclaimed.put(t, unclaimedIn(t, unclaimed.get(t), fired.contains(t)));
        }
        unclaimed = nowUnclaimed;
    }

    /** Lists {@code p}'s descriptors afresh and reads every link. */
    private void readAll(TrackedProcess p, long scrape) {
        boolean refresh = p.refresh;
        p.refresh = true;
        scan(p, scrape);
        p.refresh = refresh;
    }

    private void claim(long inode, int pid) {
        int owner = claims.get(inode);
        if (owner == LongIntMap.MISSING) {
            claims.put(inode, pid);
        } else if (owner != pid && owner != SHARED) {
            claims.put(inode, SHARED);
        }
    }

    /** Whether a socket of these tables is claimed by no process now and was pending in the previous scrape. */
    private boolean unclaimedTwice(NetNamespaces.Tables t, LongIntMap previous) {
        if (previous == null) {
            return false;
        }
        for (SocketTable table : t.tables) {
            for (int row = 0; row < table.size(); row++) {
                long inode = table.inode(row);
                if (inode != 0 && claims.get(inode) == LongIntMap.MISSING && previous.get(inode) == PENDING) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The unclaimed sockets of these tables after this scrape: confirmed when they were before, or
     * when this scrape read every link of the namespace (it fired, or it is the first).
     */
    private LongIntMap unclaimedIn(NetNamespaces.Tables t, LongIntMap previous, boolean allRead) {
        LongIntMap out = new LongIntMap(16);
        for (SocketTable table : t.tables) {
            for (int row = 0; row < table.size(); row++) {
                long inode = table.inode(row);
                if (inode != 0 && claims.get(inode) == LongIntMap.MISSING) {
                    boolean confirmed = allRead || previous == null || previous.get(inode) == CONFIRMED;
                    out.put(inode, confirmed ? CONFIRMED : PENDING);
                }
            }
        }
        return out;
    }
}
