package org.nodeprocessexporter.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.nodeprocessexporter.BuildInfo;

/** The small page every path but the telemetry path serves: what this is and where the metrics are. */
final class LandingPage {
    private final byte[] html;

    LandingPage(String telemetryPath) {
        String path = escape(telemetryPath);
        this.html = ("""
                <!DOCTYPE html>
                <html>
                <head><meta charset="utf-8"><title>Node Process Exporter</title></head>
                <body>
                <h1>Node Process Exporter</h1>
                <p>Prometheus node_exporter with per-process metrics (version %s)</p>
                <ul><li><a href="%s">Metrics</a></li></ul>
                </body>
                </html>
                """).formatted(escape(BuildInfo.CURRENT.version()), path).getBytes(StandardCharsets.UTF_8);
    }

    void serve(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : html.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
