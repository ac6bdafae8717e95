package org.nodeprocessexporter.collector;

/**
 * One node_exporter collector (or process_detail): reads its sources and adds metric families to a
 * sink. An instance lives for the whole run of the exporter and may be called by concurrent
 * scrapes one at a time (the scrape runner never runs the same collector twice at once), so it may
 * keep state between scrapes.
 *
 * <p>Throw {@link NoDataException} (or let a {@link java.nio.file.NoSuchFileException} escape) when
 * the source does not exist on this host: the runner reports the collector as unsuccessful and logs
 * at debug, as node_exporter does. Any other exception is logged as an error. Either way the other
 * collectors are served.
 *
 * <p>A collector whose source is often absent checks for it in {@code collect} and writes its
 * families in a separate method. C1 compiles a whole method once it has run ~256 times, that is
 * at scrape ~256 for {@code collect}, whatever branch ran; compiling a long emission with all its
 * calls inlined takes over a MiB of the compiler's working memory, at the moment every
 * once-a-scrape method is compiled.
 */
public interface Collector {
    void collect(MetricSink sink) throws Exception;

    /** Re-read configuration files (SIGHUP). Throws when the new configuration is invalid. */
    default void reload() throws Exception {
    }

    /**
     * Gives back what the collector holds open between scrapes (process_detail: its process
     * handles). Called once no scrape runs it any more; it is not used afterwards.
     */
    default void close() {
    }
}
