package org.nodeprocessexporter.dbus;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a connection's blocking steps (connect, authentication, every read and write) by one
 * deadline: when it passes, the owning thread is interrupted, which closes the socket channel it
 * blocks on (the JDK's channels are interruptible), so the call fails instead of waiting.
 *
 * <p>One timer thread serves every connection. It exists only while some connection is open or
 * was open in the last minute ({@code allowCoreThreadTimeOut}): an exporter whose D-Bus collectors
 * are off never starts it, and one that is no longer scraped loses it.
 */
final class Deadline implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private enum State { ARMED, FIRED, DONE }

    private final Thread owner = Thread.currentThread();
    private final Duration timeout;
    private final ScheduledFuture<?> alarm;
    private State state = State.ARMED;

    Deadline(Duration timeout) {
        this.timeout = timeout;
        this.alarm = TIMER.schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "dbus-deadline");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        t.setKeepAliveTime(60, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    private synchronized void fire() {
        if (state == State.ARMED) {
            state = State.FIRED;
            owner.interrupt(); // delivered before close() can see FIRED, so close() clears it for sure
        }
    }

    synchronized boolean fired() {
        return state == State.FIRED;
    }

    Duration timeout() {
        return timeout;
    }

    /** Disarms the alarm; if it went off, clears the interrupt it left on the owning thread. */
    @Override
    public synchronized void close() {
        alarm.cancel(false);
        if (state == State.FIRED && Thread.currentThread() == owner) {
            Thread.interrupted();
        }
        state = State.DONE;
    }

    /** Whether the timer thread is alive now (for tests). */
    static boolean timerThreadAlive() {
        return TIMER.getPoolSize() > 0;
    }
}
