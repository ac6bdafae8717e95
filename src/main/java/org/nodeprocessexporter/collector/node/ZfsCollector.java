package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.ZfsKstat;

/**
 * node_exporter's {@code zfs}: the OpenZFS kstats of {@code /proc/spl/kstat/zfs}, each statistic an
 * untyped {@code node_zfs_<subsystem>_<name>} whose help is the kstat's dotted name, plus per pool
 * its io kstat ({@code node_zfs_zpool_*}), its datasets' objset kstats
 * ({@code node_zfs_zpool_dataset_*}) and its state ({@code node_zfs_zpool_state}). Without the ZFS
 * module the directory is missing and the collector reports no data.
 */
public final class ZfsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("zfs", true, ZfsCollector::new);

    /** Metric subsystem and kstat file, sorted by subsystem; a file missing in this ZFS version is skipped. */
    private static final String[][] SUBSYSTEMS = {
        {"zfs_abd", "abdstats"},
        {"zfs_arc", "arcstats"},
        {"zfs_dbuf", "dbufstats"},
        {"zfs_dmu_tx", "dmu_tx"},
        {"zfs_dnode", "dnodestats"},
        {"zfs_fm", "fm"},
        {"zfs_vdev_cache", "vdev_cache_stats"},
        {"zfs_vdev_mirror", "vdev_mirror_stats"},
        {"zfs_xuio", "xuio_stats"},
        {"zfs_zfetch", "zfetchstats"},
        {"zfs_zil", "zil"},
    };

    private static final String[] POOL_STATES = {"online", "degraded", "faulted", "offline", "removed", "unavail",
        "suspended"};

    private final Path base;

    private ZfsCollector(CollectorContext ctx) {
        this.base = ctx.proc("spl", "kstat", "zfs");
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (!Files.isDirectory(base)) {
            throw new NoDataException("ZFS / ZFS statistics are not available: no " + base);
        }
        emit(sink);
    }

    /** The families, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink) throws Exception {
        for (String[] s : SUBSYSTEMS) {
            String text = readOrNull(base.resolve(s[1]));
            if (text == null) {
                continue;
            }
            for (ZfsKstat.Named n : ZfsKstat.parseNamed(text, s[1])) {
                boolean signed = n.type().equals(ZfsKstat.INT64);
                if (!signed && !n.type().equals(ZfsKstat.UINT64)) {
                    continue;
                }
                String help = "kstat.zfs.misc." + s[1] + "." + n.name();
                double v = signed ? ZfsKstat.signed(n.data(), help) : ZfsKstat.unsigned(n.data(), help);
                sink.untyped("node_" + s[0] + "_" + metricName(n.name()), help).add(v);
            }
        }
        List<Path> pools = pools();
        for (Path pool : pools) {
            String text = readOrNull(pool.resolve("io"));
            if (text == null) {
                continue;
            }
            String zpool = pool.getFileName().toString();
            for (ZfsKstat.IoField f : ZfsKstat.parseIo(text, zpool + "/io")) {
                sink.untyped("node_zfs_zpool_" + metricName(f.name()), "kstat.zfs.misc.io." + f.name(), "zpool")
                        .add(f.value(), zpool);
            }
        }
        for (Path pool : pools) {
            for (Path objset : objsets(pool)) {
                String text = readOrNull(objset);
                if (text != null) {
                    objset(sink, pool.getFileName().toString(), objset.getFileName().toString(), text);
                }
            }
        }
        for (Path pool : pools) {
            String text = readOrNull(pool.resolve("state"));
            if (text == null) {
                continue;
            }
            int nl = text.indexOf('\n');
            String state = (nl < 0 ? text : text.substring(0, nl)).toLowerCase(Locale.ROOT);
            MetricFamily f = sink.gauge("node_zfs_zpool_state", "kstat.zfs.misc.state", "zpool", "state");
            for (String s : POOL_STATES) {
                f.add(s.equals(state) ? 1 : 0, pool.getFileName().toString(), s);
            }
        }
    }

    private static void objset(MetricSink sink, String zpool, String file, String text) throws IOException {
        String dataset = "";
        for (ZfsKstat.Named n : ZfsKstat.parseNamed(text, zpool + "/" + file)) {
            if (n.name().equals("dataset_name")) {
                dataset = n.data();
            } else if (n.type().equals(ZfsKstat.UINT64)) {
                String help = "kstat.zfs.misc.objset." + n.name();
                sink.untyped("node_zfs_zpool_dataset_" + metricName(n.name()), help, "zpool", "dataset")
                        .add(ZfsKstat.unsigned(n.data(), help), zpool, dataset);
            }
        }
    }

    /** Upstream's name: the statistic with its dashes as underscores. */
    private static String metricName(String stat) {
        return stat.replace('-', '_');
    }

    /** The pool directories, sorted by name. */
    private List<Path> pools() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return out; // the module went away during the scrape
        }
        out.sort(null);
        return out;
    }

    private static List<Path> objsets(Path pool) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(pool,
                p -> p.getFileName().toString().startsWith("objset-"))) {
            ds.forEach(out::add);
        } catch (NoSuchFileException e) {
            return out; // the pool was exported during the scrape
        }
        out.sort(null);
        return out;
    }

    /** A kstat file, or null when it does not exist (a feature this ZFS lacks, a pool being exported). */
    private static String readOrNull(Path file) throws IOException {
        try {
            return ProcFile.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
