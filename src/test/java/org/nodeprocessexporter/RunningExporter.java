package org.nodeprocessexporter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.web.HttpTestClient;

/** The whole exporter started in this JVM on an ephemeral loopback port, for tests. */
public final class RunningExporter implements AutoCloseable {
    private final Main.Exporter exporter;
    public final int port;
    public final HttpTestClient http;

    public RunningExporter(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--web.listen-address=127.0.0.1:0"));
        all.addAll(List.of(args));
        exporter = Main.start(all.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()));
        port = exporter.web().addresses().get(0).getPort();
        http = new HttpTestClient(port);
    }

    public String metrics() throws Exception {
        return http.get("/metrics").body();
    }

    public void reload() {
        exporter.reload();
    }

    @Override
    public void close() {
        exporter.close();
    }
}
