package org.nodeprocessexporter.collector;

import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.nodeprocessexporter.Log;

/**
 * Runs the collectors of one scrape concurrently, each isolated from the others: an exception or a
 * run past the time budget marks only that collector unsuccessful.
 *
 * <p>Two rules keep it safe on real hosts. A collector never runs twice at once: a scrape that
 * arrives while another scrape's run of the same collector is in flight waits for that run and
 * shares its result, so HA pairs of Prometheus servers cost one collection and see the same values.
 * And a run stuck in the kernel (a hung NFS mount) cannot be interrupted, so at most
 * {@code parallelism} runs go at once, but a run slower than a quarter of the budget (1 s at most)
 * stops counting against that limit: a stuck run delays the others by that much at most, and
 * costs one extra thread while it is stuck. Because of the first rule, there is at most one
 * thread per collector.
 */
public final class ScrapeRunner implements AutoCloseable {
    private final SortedMap<String, Collector> collectors;
    private final ThreadPoolExecutor pool;
    private final int parallelism;
    private final Map<String, Run> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger stuck = new AtomicInteger();

    /** The result of one collector's run. */
    record Outcome(List<ExposedFamily> families, boolean success, double seconds) {
    }

    private static final class Run {
        final CompletableFuture<Outcome> future = new CompletableFuture<>();
        final long startNanos = System.nanoTime();
        final AtomicBoolean writtenOff = new AtomicBoolean();
    }

    public ScrapeRunner(Map<String, Collector> enabled, int parallelism) {
        this.collectors = Collections.unmodifiableSortedMap(new TreeMap<>(enabled));
        this.parallelism = Math.max(1, parallelism);
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "collector-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The enabled collectors, by name. */
    public SortedMap<String, Collector> collectors() {
        return collectors;
    }

    /**
     * Collects the named collectors (all enabled ones when {@code names} is null) within
     * {@code budget}, and returns their families merged with {@code node_scrape_collector_*}.
     */
    public List<ExposedFamily> scrape(Collection<String> names, Duration budget) {
        Collection<String> wanted = names == null ? collectors.keySet() : names;
        long deadline = System.nanoTime() + budget.toNanos();
        long slowAfter = Math.min(TimeUnit.SECONDS.toNanos(1), budget.toNanos() / 4);
        SortedMap<String, Run> runs = dispatch(wanted, deadline, slowAfter);
        MetricSink sink = new MetricSink();
        MetricFamily duration = sink.gauge("node_scrape_collector_duration_seconds",
                "node_exporter: Duration of a collector scrape.", "collector");
        MetricFamily success = sink.gauge("node_scrape_collector_success",
                "node_exporter: Whether a collector succeeded.", "collector");
        SortedMap<String, ExposedFamily> merged = new TreeMap<>();
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            Outcome outcome = e.getValue() == null ? notStarted(e.getKey()) : await(e.getKey(), e.getValue(), deadline);
            duration.add(outcome.seconds(), e.getKey());
            success.add(outcome.success() ? 1 : 0, e.getKey());
            for (ExposedFamily f : outcome.families()) {
                ExposedFamily previous = merged.putIfAbsent(f.name(), f);
                if (previous != null) {
                    Log.debug("metric family collected twice, keeping the first", "collector", e.getKey(),
                            "family", f.name());
                }
            }
        }
        for (ExposedFamily f : sink.families()) {
            merged.put(f.name(), f);
        }
        return new ArrayList<>(merged.values());
    }

    /**
     * Runs the wanted collectors on at most {@code parallelism} lanes: a lane is one pool thread
     * that takes the next collector of this scrape, runs it, and takes the next, so a scrape costs
     * a thread hand-off per lane rather than per collector. A lane whose run goes longer than
     * {@code slowAfter} stops counting against the limit (a new lane takes its place) and ends
     * after that run, so a stuck run delays the others by {@code slowAfter} at most. A collector
     * not started by the deadline maps to null.
     */
    private SortedMap<String, Run> dispatch(Collection<String> wanted, long deadline, long slowAfter) {
        Dispatch d = new Dispatch();
        for (String name : wanted) {
            if (collectors.containsKey(name) && !d.runs.containsKey(name)) {
                d.runs.put(name, null);
                d.pending.add(name);
            }
        }
        synchronized (d) {
            while (!d.pending.isEmpty()) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    break;
                }
                int healthy = 0;
                long nextCheck = deadline;
                for (Lane lane : d.lanes) {
                    if (lane.done || lane.slow) {
                        continue;
                    }
                    boolean busy = lane.busy;
                    long started = lane.runStart;
                    if (busy && now - started > slowAfter) {
                        lane.slow = true;
                        continue;
                    }
                    healthy++;
                    // an idle lane is about to start a run: look again when that run could turn slow
                    nextCheck = Math.min(nextCheck, (busy ? started : now) + slowAfter);
                }
                for (; healthy < parallelism && healthy < d.pending.size(); healthy++) {
                    Lane lane = new Lane();
                    d.lanes.add(lane);
                    pool.execute(() -> lane(d, lane));
                    nextCheck = Math.min(nextCheck, now + slowAfter);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(d, Math.max(nextCheck - now, 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            d.closed = true;
            return d.runs;
        }
    }

    /** One scrape's dispatch state; lanes and the scrape thread synchronize on it. */
    private static final class Dispatch {
        final SortedMap<String, Run> runs = new TreeMap<>();
        final ArrayDeque<String> pending = new ArrayDeque<>();
        final List<Lane> lanes = new ArrayList<>();
        boolean closed;
    }

    private static final class Lane {
        /** When its current run started, valid while busy. */
        volatile long runStart;
        volatile boolean busy;
        boolean slow;
        boolean done;
    }

    private void lane(Dispatch d, Lane lane) {
        try {
            while (true) {
                String name;
                Run run;
                synchronized (d) {
                    if (d.closed || lane.slow || d.pending.isEmpty()) {
                        return;
                    }
                    name = d.pending.poll();
                    Run[] created = new Run[1];
                    run = inFlight.compute(name, (k, existing) -> existing != null && !existing.future.isDone()
                            ? existing : (created[0] = new Run()));
                    d.runs.put(name, run);
                    if (run != created[0]) {
                        continue; // another scrape's run of it is in flight: share its result
                    }
                    lane.runStart = run.startNanos;
                    lane.busy = true;
                }
                execute(name, collectors.get(name), run);
                lane.busy = false;
            }
        } finally {
            synchronized (d) {
                lane.done = true;
                d.notifyAll();
            }
        }
    }

    private static Outcome notStarted(String name) {
        Log.error("collector not started within the scrape budget", "name", name);
        return new Outcome(List.of(), false, 0);
    }

    private void execute(String name, Collector collector, Run run) {
        MetricSink sink = new MetricSink();
        boolean ok;
        try {
            collector.collect(sink);
            ok = true;
        } catch (NoDataException | NoSuchFileException e) {
            Log.debug("collector returned no data", "name", name, "err", e.getMessage());
            ok = false;
        } catch (Exception | LinkageError | AssertionError e) {
            Log.error("collector failed", "name", name, "duration_seconds", seconds(run), "err", String.valueOf(e));
            ok = false;
        }
        List<ExposedFamily> families;
        try {
            families = sink.families();
        } catch (RuntimeException e) {
            Log.error("collector produced invalid metrics", "name", name, "err", String.valueOf(e));
            families = List.of();
            ok = false;
        }
        inFlight.remove(name, run);
        run.future.complete(new Outcome(families, ok, seconds(run)));
    }

    private Outcome await(String name, Run run, long deadline) {
        long remaining = deadline - System.nanoTime();
        try {
            return run.future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (run.writtenOff.compareAndSet(false, true)) {
                Log.error("collector timed out, its result is dropped", "name", name,
                        "duration_seconds", seconds(run));
                stuck.incrementAndGet();
                run.future.whenComplete((o, t) -> stuck.decrementAndGet());
            }
            return new Outcome(List.of(), false, seconds(run));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(List.of(), false, seconds(run));
        } catch (ExecutionException e) {
            return new Outcome(List.of(), false, seconds(run));
        }
    }

    /** Runs that went past their budget and have not returned yet; for tests and self-metrics. */
    public int stuckRuns() {
        return stuck.get();
    }

    private static double seconds(Run run) {
        return (System.nanoTime() - run.startNanos) / 1e9;
    }

    /**
     * Stops the lanes, then closes the collectors if every lane has stopped within a second: one
     * stuck in a read (a hung mount, a process whose memory map is locked) may still use what a
     * collector would give back, so then the collectors are left to the process's exit.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        collectors.values().forEach(Collector::close);
    }
}
