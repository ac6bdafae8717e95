package org.nodeprocessexporter.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScrapeRunnerTest {
    private static final Collector OK = sink -> sink.gauge("ok_value", "ok", 1);

    @Test
    void aFailingCollectorIsReportedAndTheOthersAreServed() throws Exception {
        Collector failing = sink -> {
            sink.gauge("partial_value", "written before the failure", 7);
            throw new IllegalStateException("boom");
        };
        Collector missing = sink -> {
            throw new NoSuchFileException("/proc/net/bonding");
        };
        try (ScrapeRunner runner = new ScrapeRunner(Map.of("ok", OK, "failing", failing, "missing", missing), 2)) {
            String text = CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(5)));
            assertThat(text)
                    .contains("node_scrape_collector_success{collector=\"ok\"} 1")
                    .contains("node_scrape_collector_success{collector=\"failing\"} 0")
                    .contains("node_scrape_collector_success{collector=\"missing\"} 0")
                    .contains("ok_value 1")
                    .contains("partial_value 7");
        }
    }

    @Test
    void aCollectorPastTheBudgetFailsAloneAndDoesNotStallTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Collector hung = sink -> {
            release.await(30, TimeUnit.SECONDS);
            sink.gauge("late_value", "late", 1);
        };
        try (ScrapeRunner runner = new ScrapeRunner(Map.of("hung", hung, "ok", OK), 1)) {
            String text = CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(3)));
            assertThat(text).contains("node_scrape_collector_success{collector=\"hung\"} 0")
                    .contains("node_scrape_collector_success{collector=\"ok\"} 1")
                    .doesNotContain("late_value");
            assertThat(runner.stuckRuns()).isEqualTo(1);
            // Its permit (the only one) is still held, and the next scrape is served all the same.
            String again = CollectorHarness.exposition(runner.scrape(List.of("ok"), Duration.ofSeconds(5)));
            assertThat(again).contains("node_scrape_collector_success{collector=\"ok\"} 1");
            // A scrape while the run is still stuck joins it rather than starting a second one.
            String third = CollectorHarness.exposition(runner.scrape(List.of("hung"), Duration.ofMillis(100)));
            assertThat(third).contains("node_scrape_collector_success{collector=\"hung\"} 0");
            release.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runner.stuckRuns() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(runner.stuckRuns()).isZero();
        }
    }

    /** A collector that counts its runs and its closes; a run waits for {@code release}. */
    private static final class Closable implements Collector {
        final AtomicInteger closes = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release;

        Closable(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void collect(MetricSink sink) throws Exception {
            entered.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // a read of a hung mount does not end when interrupted either
                }
            }
            sink.gauge("closable_value", "value", 1);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void closingTheRunnerClosesItsCollectorsOnlyOnceNoRunUsesThem() throws Exception {
        Closable idle = new Closable(new CountDownLatch(0));
        ScrapeRunner runner = new ScrapeRunner(Map.of("idle", idle), 1);
        assertThat(CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(5)))).contains("closable_value 1");
        runner.close();
        assertThat(idle.closes).hasValue(1);

        CountDownLatch release = new CountDownLatch(1);
        Closable stuck = new Closable(release);
        ScrapeRunner other = new ScrapeRunner(Map.of("stuck", stuck), 1);
        CompletableFuture<?> scrape = CompletableFuture.runAsync(() -> other.scrape(null, Duration.ofMillis(200)));
        assertThat(stuck.entered.await(5, TimeUnit.SECONDS)).isTrue();
        other.close(); // the run ignores the interrupt: its collector must stay open
        assertThat(stuck.closes).hasValue(0);
        release.countDown();
        scrape.get(5, TimeUnit.SECONDS);
    }

    @Test
    void concurrentScrapesShareOneRunOfACollector() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Collector counted = sink -> {
            int n = runs.incrementAndGet();
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            sink.gauge("run_number", "which run", n);
        };
        try (ScrapeRunner runner = new ScrapeRunner(Map.of("counted", counted), 2)) {
            CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> scrapeText(runner));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> scrapeText(runner));
            Thread.sleep(100);
            release.countDown();
            assertThat(a.get(10, TimeUnit.SECONDS)).contains("run_number 1");
            assertThat(b.get(10, TimeUnit.SECONDS)).contains("run_number 1");
            assertThat(runs).hasValue(1);
            assertThat(scrapeText(runner)).contains("run_number 2");
        }
    }

    @Test
    void familiesComeOutSortedByName() throws Exception {
        Collector b = sink -> sink.gauge("b_metric", "b", 1);
        Collector a = sink -> sink.gauge("a_metric", "a", 1);
        try (ScrapeRunner runner = new ScrapeRunner(Map.of("b", b, "a", a), 2)) {
            String text = CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(5)));
            assertThat(text.indexOf("a_metric")).isLessThan(text.indexOf("b_metric"));
        }
    }

    @Test
    void atMostParallelismRunAtOnceAndALaneRunsOneCollectorAfterAnother() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Map<String, Collector> all = new java.util.TreeMap<>();
        for (int i = 0; i < 8; i++) {
            String name = "c" + i;
            all.put(name, sink -> {
                threads.add(Thread.currentThread());
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(20);
                running.decrementAndGet();
                sink.gauge(name + "_value", "v", 1);
            });
        }
        try (ScrapeRunner runner = new ScrapeRunner(all, 2)) {
            String text = CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(10)));
            for (String name : all.keySet()) {
                assertThat(text).contains("node_scrape_collector_success{collector=\"" + name + "\"} 1");
            }
            assertThat(most).hasValue(2);
            assertThat(threads).hasSize(2); // two lanes, each running four collectors in turn
        }
    }

    @Test
    void aStuckRunIsReplacedByANewLaneAndTheRestStillRunsAtMostParallelismAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Map<String, Collector> all = new java.util.TreeMap<>();
        all.put("a_hung", sink -> release.await(30, TimeUnit.SECONDS));
        for (int i = 0; i < 6; i++) {
            all.put("c" + i, sink -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(10);
                running.decrementAndGet();
            });
        }
        try (ScrapeRunner runner = new ScrapeRunner(all, 2)) {
            // budget 2 s: a run is slow after 0.5 s
            String text = CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(2)));
            assertThat(text).contains("node_scrape_collector_success{collector=\"a_hung\"} 0");
            for (int i = 0; i < 6; i++) {
                assertThat(text).contains("node_scrape_collector_success{collector=\"c" + i + "\"} 1");
            }
            assertThat(most.get()).isBetween(1, 2);
        } finally {
            release.countDown();
        }
    }

    private static String scrapeText(ScrapeRunner runner) {
        try {
            return CollectorHarness.exposition(runner.scrape(null, Duration.ofSeconds(10)));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
