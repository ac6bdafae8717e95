package org.nodeprocessexporter.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.node.MountstatsCollector;
import org.nodeprocessexporter.collector.node.PerfCollector;
import org.nodeprocessexporter.procfs.MountStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The mountstats parser on the fixture (six NFS mounts, 300 lines) and on a container host's file
 * (the same NFS mounts among 3,000 other mounts), a whole mountstats scrape over the fixture tree,
 * and a perf scrape of this machine's kernel (one read(2) per counter). Run with
 * {@code bench/jmh.sh MountstatsPerf -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MountstatsPerfBenchmark {
    private byte[] fixture;
    private byte[] host;
    private Collector mountstats;
    private Collector perf;

    @Setup
    public void setup() throws Exception {
        fixture = Files.readAllBytes(CollectorHarness.FIXTURES.resolve("proc/self/mountstats"));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append("device overlay mounted on /var/lib/containers/storage/overlay/").append(i)
                    .append("/merged with fstype overlay\n");
        }
        host = (sb + new String(fixture, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        mountstats = CollectorHarness.build(MountstatsCollector.SPEC, CollectorHarness.FIXTURES.resolve("proc"),
                Path.of("/sys"), Path.of("/"));
        perf = CollectorHarness.build(PerfCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }

    @TearDown
    public void close() {
        CollectorHarness.closeAll();
    }

    @Benchmark
    public MountStats parseFixture() throws Exception {
        return MountStats.parse(fixture, fixture.length);
    }

    @Benchmark
    public MountStats parseHostWith3000Mounts() throws Exception {
        return MountStats.parse(host, host.length);
    }

    @Benchmark
    public MetricSink mountstatsScrape() throws Exception {
        MetricSink sink = new MetricSink();
        mountstats.collect(sink);
        sink.families();
        return sink;
    }

    @Benchmark
    public MetricSink perfScrape() throws Exception {
        MetricSink sink = new MetricSink();
        perf.collect(sink);
        sink.families();
        return sink;
    }
}
