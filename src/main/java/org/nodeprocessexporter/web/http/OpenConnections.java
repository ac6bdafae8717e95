package org.nodeprocessexporter.web.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A server's open connections: capped, and closed in two steps when it stops. */
final class OpenConnections {
    /** One Prometheus holds one connection; more than this many is a leak or an attack, not scraping. */
    static final int MAX = 64;

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Object changed = new Object();

    /** False when the cap is reached. Only the acceptor adds, so the check and the add do not race. */
    boolean add(Connection c) {
        return open.size() < MAX && open.add(c);
    }

    void remove(Connection c) {
        open.remove(c);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** Closes the connections waiting for a request (or for their thread) now. */
    void closeIdle() {
        for (Connection c : open) {
            c.closeIfIdle();
        }
    }

    /** Waits until every connection has ended or {@code deadline} ({@link System#nanoTime()}) passed. */
    void awaitEmpty(long deadline) {
        synchronized (changed) {
            for (long left; !open.isEmpty() && (left = deadline - System.nanoTime()) > 0; ) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void closeAll() {
        for (Connection c : open) {
            c.closeNow();
        }
    }
}
