package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Fields;
import org.nodeprocessexporter.procfs.ProcessCensus;

/**
 * node_exporter's {@code processes} (off by default): how many processes and threads there are,
 * per state (the state letter of {@code /proc/<pid>/stat}, of {@code task/<tid>/stat} for threads),
 * the sum of the processes' {@code num_threads}, and the limits {@code kernel/pid_max} and {@code
 * kernel/threads-max}. A state no process or thread is in has no series, as upstream.
 *
 * <p>The walk reads every pid's and every thread's {@code stat} each scrape; see {@link
 * ProcessCensus} for what keeps that cheap (a process of one thread needs one read) and {@code
 * bench/processes.sh} for what it costs against node_exporter.
 */
public final class ProcessesCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("processes", false, ProcessesCollector::new);

    private final CollectorContext ctx;
    private final ProcessCensus census;
    /** State letters as label values, made once. */
    private final String[] states = new String[128];

    private ProcessesCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.census = new ProcessCensus(ctx.procfs());
        for (int c = 0; c < states.length; c++) {
            states[c] = String.valueOf((char) c);
        }
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        ProcessCensus.Counts counts = census.count();
        double threadsMax = Fields.readNumber(ctx.proc("sys", "kernel", "threads-max"));
        double pidMax = Fields.readNumber(ctx.proc("sys", "kernel", "pid_max"));
        sink.gauge("node_processes_threads", "Allocated threads in system", counts.threads());
        sink.gauge("node_processes_max_threads", "Limit of threads in the system", threadsMax);
        states(sink.gauge("node_processes_state", "Number of processes in each state.", "state"), counts.processes());
        states(sink.gauge("node_processes_threads_state", "Number of threads in each state.", "thread_state"),
                counts.threadStates());
        sink.gauge("node_processes_pids", "Number of PIDs", counts.pids());
        sink.gauge("node_processes_max_processes", "Number of max PIDs limit", pidMax);
    }

    private void states(MetricFamily family, int[] byState) {
        for (int c = 0; c < byState.length; c++) {
            if (byState[c] > 0) {
                family.add(byState[c], states[c]);
            }
        }
    }
}
