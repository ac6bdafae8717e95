package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.ExporterFlags;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.daemon.HttpEndpoint;
import org.nodeprocessexporter.daemon.SupervisordClient;

/**
 * node_exporter's {@code supervisord}: {@code supervisor.getAllProcessInfo} over XML-RPC at
 * {@code --collector.supervisord.url} (else {@code $SUPERVISORD_URL}, else
 * {@code http://localhost:9001/RPC2}); {@code unix:///path} talks to supervisord's Unix socket, as
 * upstream. Per process: its state, exit status, whether it is up (STARTING, RUNNING or STOPPING)
 * and, while up, its start time.
 *
 * <p>Differs from upstream: {@code node_supervisord_start_time_seconds} is untyped where upstream
 * declares a counter without {@code _total} (which the Prometheus Java client cannot write); a URL
 * that is not http, https or unix stops start-up (upstream fails every scrape); the call gives up
 * after 5 s (or the scrape timeout, when shorter) where upstream waits 10 s, so that a hung
 * supervisord ends within Prometheus' default 10-s scrape timeout with one log line.
 */
public final class SupervisordCollector implements Collector {
    static final String URL = "collector.supervisord.url";
    static final String URL_VARIABLE = "SUPERVISORD_URL";

    public static final CollectorSpec SPEC = CollectorSpec.of("supervisord", false, SupervisordCollector::create,
            Flag.string(URL, "http://localhost:9001/RPC2", "XML RPC endpoint. ($" + URL_VARIABLE + ")"));

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    // http://supervisord.org/subprocess.html#process-states
    private static final long STARTING = 10;
    private static final long RUNNING = 20;
    private static final long STOPPING = 40;

    private final SupervisordClient client;

    SupervisordCollector(SupervisordClient client) {
        this.client = client;
    }

    private static Collector create(CollectorContext ctx) throws UsageException {
        String url = url(ctx, System.getenv(URL_VARIABLE));
        HttpEndpoint endpoint;
        try {
            endpoint = HttpEndpoint.of(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + URL + ": " + e.getMessage());
        }
        Duration timeout = TIMEOUT;
        if (ctx.flags().has(ExporterFlags.SCRAPE_TIMEOUT)) {
            Duration budget = ctx.flags().duration(ExporterFlags.SCRAPE_TIMEOUT);
            if (budget.compareTo(timeout) < 0 && !budget.isNegative() && !budget.isZero()) {
                timeout = budget;
            }
        }
        Log.warn("This collector is deprecated and will be removed in the next major version release.",
                "collector", "supervisord");
        return new SupervisordCollector(new SupervisordClient(endpoint, timeout));
    }

    /** kingpin's order: the flag when given, else the environment variable when set and not empty, else the default. */
    static String url(CollectorContext ctx, String variable) {
        if (!ctx.flags().isGiven(URL) && variable != null && !variable.isEmpty()) {
            return variable;
        }
        return ctx.flags().string(URL);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<SupervisordClient.ProcessInfo> processes;
        try {
            processes = client.allProcessInfo();
        } catch (IOException e) {
            throw new IOException("unable to call supervisord: " + e.getMessage(), e);
        }
        MetricFamily state = sink.gauge("node_supervisord_state", "Process State", "name", "group");
        MetricFamily exitStatus = sink.gauge("node_supervisord_exit_status", "Process Exit Status", "name", "group");
        MetricFamily up = sink.gauge("node_supervisord_up", "Process Up", "name", "group");
        MetricFamily start = sink.untyped("node_supervisord_start_time_seconds", "Process start time", "name", "group");
        for (SupervisordClient.ProcessInfo p : processes) {
            state.add(p.state(), p.name(), p.group());
            exitStatus.add(p.exitStatus(), p.name(), p.group());
            boolean running = p.state() == STARTING || p.state() == RUNNING || p.state() == STOPPING;
            up.add(running ? 1 : 0, p.name(), p.group());
            if (running) {
                start.add(p.start(), p.name(), p.group());
            }
            if (Log.enabled(Log.Level.DEBUG)) {
                Log.debug("process info", "group", p.group(), "name", p.name(), "state", p.stateName(), "pid", p.pid());
            }
        }
    }
}
