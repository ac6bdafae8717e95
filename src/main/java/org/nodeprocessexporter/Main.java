package org.nodeprocessexporter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.nodeprocessexporter.cli.CommandLineParser;
import org.nodeprocessexporter.cli.ExporterFlags;
import org.nodeprocessexporter.cli.FlagValues;
import org.nodeprocessexporter.cli.HelpText;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorCatalog;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.ScrapeRunner;
import org.nodeprocessexporter.sys.LibC;
import org.nodeprocessexporter.web.WebServer;
import org.nodeprocessexporter.web.config.WebConfigException;
import org.nodeprocessexporter.web.config.WebSecurity;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** Start-up: flags, then collectors, then HTTP servers; then wait for a signal. */
public final class Main {
    static final String PROGRAM = "node-process-exporter";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
        // Every HTTP thread is a daemon, so this one keeps the JVM up: parked, never woken, until
        // SIGTERM or SIGINT runs the shutdown hook and the JVM ends.
        new CountDownLatch(1).await();
    }

    /**
     * Runs the exporter until SIGTERM/SIGINT. Returns an exit status when it stops at once (help,
     * version, bad input), or -1 after a clean start when the caller should just let it run.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        // SIGHUP is handled from before the exporter listens: the JVM's own action would end it, so
        // a reload sent as soon as it answers (systemd's ExecReload right after start) would stop
        // it. One that comes while it starts is applied once it runs.
        CompletableFuture<Exporter> running = new CompletableFuture<>();
        handleHup(s -> running.thenAccept(Exporter::reload));
        Exporter exporter;
        try {
            exporter = start(args, out);
        } catch (UsageException e) {
            err.println(PROGRAM + ": error: " + e.getMessage() + (e.isCommandLineSyntax() ? ", try --help" : ""));
            return 1;
        } catch (Exception e) {
            err.println(PROGRAM + ": error: " + e);
            return 1;
        }
        if (exporter == null) {
            return 0;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Log.info("Shutting down");
            exporter.close();
        }, "shutdown"));
        running.complete(exporter);
        return -1;
    }

    /**
     * Started with SIGHUP ignored (under nohup, or a supervisor that ignores it), the JVM leaves the
     * signal ignored and reloading would silently never happen: the disposition is set back to the
     * default first, as Go's runtime does for node_exporter.
     */
    private static void handleHup(SignalHandler handler) {
        Signal signal = new Signal("HUP");
        if (Signal.handle(signal, handler) != SignalHandler.SIG_IGN) {
            return;
        }
        try {
            LibC.signal(signal.getNumber(), null);
            Signal.handle(signal, handler);
        } catch (LinkageError e) {
            Log.warn("SIGHUP is ignored by the process that started this one and libc is not usable: "
                    + "reloading on SIGHUP is off", "err", e.toString());
        }
    }

    /** Parses the command line and starts everything; null when only help or version was asked for. */
    public static Exporter start(String[] args, PrintStream out) throws Exception {
        List<CollectorSpec> specs = CollectorCatalog.ALL;
        CommandLineParser parser = new CommandLineParser(ExporterFlags.all(specs));
        List<String> warnings = new ArrayList<>();
        CommandLineParser.Outcome outcome = parser.parse(args, warnings::add);
        if (outcome instanceof CommandLineParser.ShowHelp) {
            out.print(HelpText.render(PROGRAM, "A Prometheus exporter for Linux hosts: node_exporter's collectors "
                    + "plus per-process metrics (process_detail).", parser.flags().values()));
            return null;
        }
        if (outcome instanceof CommandLineParser.ShowVersion) {
            BuildInfo b = BuildInfo.CURRENT;
            out.println(PROGRAM + ", version " + b.version() + " (branch: " + b.branch() + ", revision: "
                    + b.revision() + ")");
            out.println("  build date:       " + b.buildDate());
            out.println("  java version:     " + b.javaVersion());
            out.println("  platform:         linux/" + System.getProperty("os.arch"));
            return null;
        }
        FlagValues flags = ((CommandLineParser.Run) outcome).flags();
        configureLog(flags);
        warnings.forEach(Log::warn);
        Log.info("Starting " + PROGRAM, "version", BuildInfo.CURRENT.describe());
        Log.info("Build context", "build_context", "(java=" + BuildInfo.CURRENT.javaVersion() + ", date="
                + BuildInfo.CURRENT.buildDate() + ")");
        WebSecurity security = null;
        if (!flags.string(ExporterFlags.WEB_CONFIG).isEmpty()) {
            try {
                security = WebSecurity.load(Path.of(flags.string(ExporterFlags.WEB_CONFIG)), Log::warn);
            } catch (WebConfigException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        if (flags.bool(ExporterFlags.SYSTEMD_SOCKET)) {
            throw new UsageException("--" + ExporterFlags.SYSTEMD_SOCKET + " is not supported by this build");
        }
        if (flags.integer(ExporterFlags.MAX_REQUESTS) < 0) {
            throw new UsageException("invalid value for flag --" + ExporterFlags.MAX_REQUESTS + ": must be >= 0");
        }
        String telemetryPath = flags.string(ExporterFlags.TELEMETRY_PATH);
        if (!telemetryPath.startsWith("/")) {
            throw new UsageException("invalid value \"" + telemetryPath + "\" for flag --"
                    + ExporterFlags.TELEMETRY_PATH + ": must start with /");
        }
        if (flags.duration(ExporterFlags.SCRAPE_TIMEOUT).isNegative()
                || flags.duration(ExporterFlags.SCRAPE_TIMEOUT).isZero()) {
            throw new UsageException("invalid value for flag --" + ExporterFlags.SCRAPE_TIMEOUT + ": must be positive");
        }

        Map<String, Collector> enabled = buildCollectors(specs, flags);
        Log.info("Enabled collectors");
        enabled.keySet().stream().sorted().forEach(name -> Log.info(null, "collector", name));

        int parallelism = flags.isGiven(ExporterFlags.RUNTIME_GOMAXPROCS)
                ? Math.max(1, flags.integer(ExporterFlags.RUNTIME_GOMAXPROCS))
                : Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ScrapeRunner runner = new ScrapeRunner(enabled, parallelism);
        Set<String> known = new LinkedHashSet<>();
        specs.forEach(s -> known.add(s.name()));
        WebServer web;
        try {
            web = WebServer.start(new WebServer.Options(flags.strings(ExporterFlags.LISTEN), telemetryPath,
                    !flags.bool(ExporterFlags.DISABLE_EXPORTER_METRICS), flags.integer(ExporterFlags.MAX_REQUESTS),
                    flags.duration(ExporterFlags.SCRAPE_TIMEOUT)), runner, known, security);
        } catch (Exception e) {
            runner.close();
            throw e;
        }
        return new Exporter(runner, web);
    }

    private static Map<String, Collector> buildCollectors(List<CollectorSpec> specs, FlagValues flags)
            throws Exception {
        CollectorContext ctx = CollectorContext.fromFlags(flags);
        boolean disableDefaults = flags.bool(ExporterFlags.DISABLE_DEFAULTS);
        Map<String, Collector> enabled = new LinkedHashMap<>();
        for (CollectorSpec spec : specs) {
            String flag = "collector." + spec.name();
            boolean on = flags.isGiven(flag) ? flags.bool(flag) : spec.enabledByDefault() && !disableDefaults;
            if (on) {
                try {
                    enabled.put(spec.name(), spec.factory().create(ctx));
                } catch (UsageException e) {
                    throw e;
                } catch (LinkageError e) {
                    // a native library that cannot load (JNA without a writable temp dir) costs
                    // only the collectors that need it
                    Log.error("collector disabled: cannot load its native library", "collector", spec.name(),
                            "err", e.toString());
                } catch (Exception e) {
                    throw new UsageException("couldn't create collector " + spec.name() + ": " + e.getMessage(), e);
                }
            }
        }
        return enabled;
    }

    private static void configureLog(FlagValues flags) throws UsageException {
        Log.Level level;
        try {
            level = Log.Level.valueOf(flags.string(ExporterFlags.LOG_LEVEL).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + flags.string(ExporterFlags.LOG_LEVEL) + "\" for flag --"
                    + ExporterFlags.LOG_LEVEL + ": must be one of debug, info, warn, error");
        }
        Log.Format format = switch (flags.string(ExporterFlags.LOG_FORMAT)) {
            case "logfmt" -> Log.Format.LOGFMT;
            case "json" -> Log.Format.JSON;
            default -> throw new UsageException("invalid value \"" + flags.string(ExporterFlags.LOG_FORMAT)
                    + "\" for flag --" + ExporterFlags.LOG_FORMAT + ": must be logfmt or json");
        };
        Log.configure(level, format);
    }

    /** A running exporter: its collectors and servers. */
    public static final class Exporter implements AutoCloseable {
        private final ScrapeRunner runner;
        private final WebServer web;

        Exporter(ScrapeRunner runner, WebServer web) {
            this.runner = runner;
            this.web = web;
        }

        public WebServer web() {
            return web;
        }

        /** SIGHUP: the web config and every collector's configuration are re-read; a bad one is kept. */
        public void reload() {
            Log.info("Reloading configuration");
            web.reload();
            runner.collectors().forEach((name, c) -> {
                try {
                    c.reload();
                } catch (Exception e) {
                    Log.error("reload failed, keeping the previous configuration", "collector", name,
                            "err", e.getMessage());
                }
            });
        }

        @Override
        public void close() {
            web.close();
            runner.close();
        }
    }
}
