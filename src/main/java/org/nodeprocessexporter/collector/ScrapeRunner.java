package org.nodeprocessexporter.collector;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
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
import java.util.concurrent.Semaphore;
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
 * And a run stuck in the kernel (a hung NFS mount) cannot be interrupted, so concurrency is bounded
 * by permits, not by a fixed set of threads: a run waits a short while for one of
 * {@code parallelism} permits and then goes ahead without, so a stuck run delays the others by that
 * wait at most. Because of the first rule, there is at most one thread per collector.
 */
public final class ScrapeRunner implements AutoCloseable {
    private final SortedMap<String, Collector> collectors;
    private final ThreadPoolExecutor pool;
    private final Semaphore permits;
    private final Map<String, Run> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger stuck = new AtomicInteger();

    /** The result of one collector's run. */
    record Outcome(List<MetricSnapshot> snapshots, boolean success, double seconds) {
    }

    private static final class Run {
        final CompletableFuture<Outcome> future = new CompletableFuture<>();
        final long startNanos = System.nanoTime();
        final AtomicBoolean writtenOff = new AtomicBoolean();
    }

    public ScrapeRunner(Map<String, Collector> enabled, int parallelism) {
        this.collectors = Collections.unmodifiableSortedMap(new TreeMap<>(enabled));
        this.permits = new Semaphore(Math.max(1, parallelism));
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
    public List<MetricSnapshot> scrape(Collection<String> names, Duration budget) {
        Collection<String> wanted = names == null ? collectors.keySet() : names;
        long deadline = System.nanoTime() + budget.toNanos();
        long permitWait = Math.min(TimeUnit.SECONDS.toNanos(1), budget.toNanos() / 4);
        SortedMap<String, Run> runs = new TreeMap<>();
        for (String name : wanted) {
            Collector c = collectors.get(name);
            if (c != null) {
                runs.put(name, start(name, c, permitWait));
            }
        }
        MetricSink sink = new MetricSink();
        MetricFamily duration = sink.gauge("node_scrape_collector_duration_seconds",
                "node_exporter: Duration of a collector scrape.", "collector");
        MetricFamily success = sink.gauge("node_scrape_collector_success",
                "node_exporter: Whether a collector succeeded.", "collector");
        SortedMap<String, MetricSnapshot> merged = new TreeMap<>();
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            Outcome outcome = await(e.getKey(), e.getValue(), deadline);
            duration.add(outcome.seconds(), e.getKey());
            success.add(outcome.success() ? 1 : 0, e.getKey());
            for (MetricSnapshot s : outcome.snapshots()) {
                MetricSnapshot previous = merged.putIfAbsent(s.getMetadata().getPrometheusName(), s);
                if (previous != null) {
                    Log.debug("metric family collected twice, keeping the first", "collector", e.getKey(),
                            "family", s.getMetadata().getPrometheusName());
                }
            }
        }
        for (MetricSnapshot s : sink.snapshots()) {
            merged.put(s.getMetadata().getPrometheusName(), s);
        }
        return new ArrayList<>(merged.values());
    }

    private Run start(String name, Collector collector, long permitWaitNanos) {
        return inFlight.compute(name, (k, existing) -> {
            if (existing != null && !existing.future.isDone()) {
                return existing;
            }
            Run run = new Run();
            pool.execute(() -> execute(name, collector, run, permitWaitNanos));
            return run;
        });
    }

    private void execute(String name, Collector collector, Run run, long permitWaitNanos) {
        MetricSink sink = new MetricSink();
        boolean ok;
        boolean permit = false;
        try {
            permit = permits.tryAcquire(permitWaitNanos, TimeUnit.NANOSECONDS);
            collector.collect(sink);
            ok = true;
        } catch (NoDataException | NoSuchFileException e) {
            Log.debug("collector returned no data", "name", name, "err", e.getMessage());
            ok = false;
        } catch (Exception | LinkageError | AssertionError e) {
            Log.error("collector failed", "name", name, "duration_seconds", seconds(run), "err", String.valueOf(e));
            ok = false;
        } finally {
            if (permit) {
                permits.release();
            }
        }
        List<MetricSnapshot> snapshots;
        try {
            snapshots = sink.snapshots();
        } catch (RuntimeException e) {
            Log.error("collector produced invalid metrics", "name", name, "err", String.valueOf(e));
            snapshots = List.of();
            ok = false;
        }
        inFlight.remove(name, run);
        run.future.complete(new Outcome(snapshots, ok, seconds(run)));
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

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
