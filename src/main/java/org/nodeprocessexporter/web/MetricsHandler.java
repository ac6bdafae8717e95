package org.nodeprocessexporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.collector.ExposedFamily;
import org.nodeprocessexporter.collector.ScrapeRunner;

/**
 * Serves the telemetry path the way node_exporter does: {@code collect[]} / {@code exclude[]}
 * filters, a limit on parallel scrapes, content negotiation (Prometheus text 0.0.4, OpenMetrics,
 * protobuf), gzip; every other path gets the landing page.
 */
final class MetricsHandler implements HttpHandler {
    private final String telemetryPath;
    private final ScrapeRunner runner;
    private final Set<String> allCollectors;
    private final ExporterMetrics self;
    private final int maxRequests;
    private final Duration maxBudget;
    private final LandingPage landing;
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsHandler(String telemetryPath, ScrapeRunner runner, Set<String> allCollectors, ExporterMetrics self,
                   int maxRequests, Duration maxBudget) {
        this.telemetryPath = telemetryPath;
        this.runner = runner;
        this.allCollectors = allCollectors;
        this.self = self;
        this.maxRequests = maxRequests;
        this.maxBudget = maxBudget;
        this.landing = new LandingPage(telemetryPath);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(telemetryPath)) {
                landing.serve(exchange);
                return;
            }
            int inFlight = self.inFlight().incrementAndGet();
            int code = 500;
            try {
                if (maxRequests > 0 && inFlight > maxRequests) {
                    code = 503;
                    plain(exchange, 503, "Limit of concurrent requests reached (" + maxRequests
                            + "), try again later.\n");
                    return;
                }
                code = scrape(exchange);
            } finally {
                self.inFlight().decrementAndGet();
                self.countRequest(code);
            }
        }
    }

    private int scrape(HttpExchange exchange) throws IOException {
        List<String> collects = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        parseQuery(exchange.getRequestURI().getRawQuery(), collects, excludes);
        List<String> selected = null;
        if (!collects.isEmpty() && !excludes.isEmpty()) {
            return plain(exchange, 400, "Combined collect and exclude queries are not allowed.\n");
        }
        if (!collects.isEmpty()) {
            for (String name : collects) {
                if (!allCollectors.contains(name)) {
                    return filterError(exchange, "missing collector: " + name);
                }
                if (!runner.collectors().containsKey(name)) {
                    return filterError(exchange, "disabled collector: " + name);
                }
            }
            selected = collects;
        } else if (!excludes.isEmpty()) {
            selected = new ArrayList<>();
            for (String name : runner.collectors().keySet()) {
                if (!excludes.contains(name)) {
                    selected.add(name);
                }
            }
            for (String name : excludes) {
                if (!runner.collectors().containsKey(name)) {
                    Log.warn("ignoring unknown or disabled collector in exclude[]", "collector", name);
                }
            }
        }
        List<ExposedFamily> families = runner.scrape(selected, budget(exchange));
        families.addAll(self.families());
        Collection<ExposedFamily> merged = merge(families);

        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        boolean gzip = acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"));
        exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
            return 200;
        }
        // Streamed (chunked), not buffered: with tens of thousands of per-process series the
        // whole body would be several MiB of heap per scrape.
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = gzip ? new GZIPOutputStream(exchange.getResponseBody(), 16 * 1024)
                : new BufferedOutputStream(exchange.getResponseBody(), 16 * 1024)) {
            String type = writer.getContentType();
            if (type.startsWith("text/plain") || type.startsWith("application/openmetrics-text")) {
                new TextExposition(out, writer, type.startsWith("application/openmetrics-text")).write(merged);
            } else {
                List<MetricSnapshot> snapshots = new ArrayList<>(merged.size());
                for (ExposedFamily f : merged) {
                    snapshots.add(f.toSnapshot());
                }
                writer.write(out, new MetricSnapshots(snapshots));
            }
        } catch (IOException | RuntimeException e) {
            // the status is sent already; the client sees a cut-off body, as with Go's promhttp
            self.countEncodingError();
            Log.error("error encoding metrics", "err", e.toString());
        }
        return 200;
    }

    /** Prometheus tells how long it will wait; the collectors get that, less a margin for writing. */
    private Duration budget(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds");
        if (header != null) {
            try {
                double seconds = Double.parseDouble(header.trim()) - 0.5;
                Duration fromHeader = Duration.ofMillis((long) (Math.max(seconds, 0.1) * 1000));
                if (fromHeader.compareTo(maxBudget) < 0) {
                    return fromHeader;
                }
            } catch (NumberFormatException e) {
                Log.debug("ignoring invalid X-Prometheus-Scrape-Timeout-Seconds", "value", header);
            }
        }
        return maxBudget;
    }

    /**
     * Sorted by name, the first of two families with the same name kept. A stable sort of the list
     * rather than a tree map: collectors give their families mostly in order already, which the
     * sort finds in runs, where the map compared every name with a dozen others.
     */
    static List<ExposedFamily> merge(List<ExposedFamily> families) {
        families.sort(BY_NAME);
        int kept = 0;
        String last = null;
        for (ExposedFamily f : families) {
            if (!f.name().equals(last)) {
                families.set(kept++, f);
                last = f.name();
            }
        }
        families.subList(kept, families.size()).clear();
        return families;
    }

    private static final java.util.Comparator<ExposedFamily> BY_NAME = (a, b) -> a.name().compareTo(b.name());

    private int filterError(HttpExchange exchange, String reason) throws IOException {
        Log.warn("Couldn't create filtered metrics handler", "err", "couldn't create collector: " + reason);
        return plain(exchange, 400, "Couldn't create filtered metrics handler: couldn't create collector: "
                + reason + "\n");
    }

    private static int plain(HttpExchange exchange, int code, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        return code;
    }

    static void parseQuery(String rawQuery, List<String> collects, List<String> excludes) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (key.equals("collect[]")) {
                collects.add(value);
            } else if (key.equals("exclude[]")) {
                excludes.add(value);
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static boolean acceptsGzip(List<String> values) {
        if (values == null) {
            return false;
        }
        for (String v : values) {
            for (String part : v.split(",")) {
                String[] codingAndParams = part.trim().split(";");
                if (codingAndParams[0].trim().equalsIgnoreCase("gzip")) {
                    return codingAndParams.length < 2 || !codingAndParams[1].trim().replace(" ", "").equals("q=0");
                }
            }
        }
        return false;
    }
}
