package org.nodeprocessexporter.collector;

import java.nio.file.Path;
import org.nodeprocessexporter.cli.FlagValues;
import org.nodeprocessexporter.cli.UsageException;

/**
 * What a collector is built from: the roots of the files it reads (so tests pass fixture trees) and
 * the parsed flags.
 *
 * @param procfs   {@code --path.procfs}
 * @param sysfs    {@code --path.sysfs}
 * @param rootfs   {@code --path.rootfs}
 * @param udevData {@code --path.udev.data}
 * @param flags    every parsed flag
 */
public record CollectorContext(Path procfs, Path sysfs, Path rootfs, Path udevData, FlagValues flags) {

    public static CollectorContext fromFlags(FlagValues flags) {
        return new CollectorContext(Path.of(flags.string("path.procfs")), Path.of(flags.string("path.sysfs")),
                Path.of(flags.string("path.rootfs")), Path.of(flags.string("path.udev.data")), flags);
    }

    public Path proc(String first, String... more) {
        return procfs.resolve(Path.of(first, more));
    }

    public Path sys(String first, String... more) {
        return sysfs.resolve(Path.of(first, more));
    }

    /**
     * A path of the host's root file system as seen from here: {@code --path.rootfs} joined with an
     * absolute path (e.g. {@code /etc/passwd}).
     */
    public Path root(String absolute) {
        return rootfs.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    /** node_exporter refuses an include and an exclude flag given together; so do we. */
    public void requireNotBoth(String includeFlag, String excludeFlag) throws UsageException {
        if (flags.isGiven(includeFlag) && flags.isGiven(excludeFlag)) {
            throw new UsageException("--" + includeFlag + " and --" + excludeFlag + " are mutually exclusive");
        }
    }
}
