package org.nodeprocessexporter.web.config;

import java.time.Duration;

/** Token bucket with the semantics of Go's rate.NewLimiter(rate.Every(interval), burst). */
final class RateLimiter {
    private final long intervalNanos;
    private final int burst;
    private double tokens;
    private long last;

    RateLimiter(Duration interval, int burst) {
        this.intervalNanos = interval.toNanos();
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (double) (now - last) / intervalNanos);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
