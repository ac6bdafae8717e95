package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One array of {@code /proc/mdstat} (Documentation/admin-guide/md.rst, md(4)): a device line
 * ({@code md0 : active raid1 sdb1[1] sda1[0](F)}), a status line ({@code 1024 blocks ... [2/1] [U_]})
 * and, while it syncs, a progress line.
 *
 * @param name         {@code md0}
 * @param state        active, inactive, recovering, resyncing or checking
 * @param disksActive  disks in use ({@code 1} of {@code [2/1]})
 * @param disksTotal   disks the array needs ({@code 2} of {@code [2/1]})
 * @param disksFailed  component devices marked {@code (F)}
 * @param disksSpare   component devices marked {@code (S)}
 * @param blocksTotal  size in 1 KiB blocks
 * @param blocksSynced blocks in sync: the size unless a sync runs, 0 while one is pending
 */
public record Mdstat(String name, String state, long disksActive, long disksTotal, long disksFailed,
                     long disksSpare, long blocksTotal, long blocksSynced) {

    private static final Pattern STATUS = Pattern.compile("(\\d+) blocks .*\\[(\\d+)/(\\d+)\\] \\[([U_]+)\\]");
    private static final Pattern PROGRESS = Pattern.compile("\\((\\d+)/\\d+\\)");

    public static List<Mdstat> read(Path procRoot) throws IOException {
        return parse(Files.readString(procRoot.resolve("mdstat")));
    }

    public static List<Mdstat> parse(String text) throws IOException {
        String[] lines = text.split("\n", -1);
        List<Mdstat> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.charAt(0) == ' ' || line.charAt(0) == '\t'
                    || line.startsWith("Personalities") || line.startsWith("unused")) {
                continue;
            }
            String[] fields = Fields.split(line);
            if (fields.length < 3) {
                throw new IOException("not enough fields in mdline (expected at least 3): " + line);
            }
            String name = fields[0];
            if (lines.length <= i + 3) {
                throw new IOException("error parsing " + name + ": too few lines for md device");
            }
            long failed = count(line, "(F)");
            long spare = count(line, "(S)");
            long[] status = status(line, lines[i + 1]);
            String sync = lines[i + 2].contains("bitmap") ? lines[i + 3] : lines[i + 2];
            String state = fields[2];
            long synced = status[3];
            boolean recovering = sync.contains("recovery");
            boolean resyncing = sync.contains("resync");
            boolean checking = sync.contains("check");
            if (recovering || resyncing || checking) {
                state = recovering ? "recovering" : checking ? "checking" : "resyncing";
                if (sync.contains("PENDING") || sync.contains("DELAYED")) {
                    synced = 0;
                } else {
                    Matcher m = PROGRESS.matcher(sync);
                    if (!m.find()) {
                        throw new IOException("unexpected sync line in md device " + name + ": " + sync.trim());
                    }
                    synced = Long.parseLong(m.group(1));
                }
            }
            out.add(new Mdstat(name, state, status[0], status[1], failed, spare, status[3], synced));
        }
        return out;
    }

    /** active, total, down, size. */
    private static long[] status(String deviceLine, String statusLine) throws IOException {
        String[] f = Fields.split(statusLine);
        long size;
        try {
            size = Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            throw new IOException("unexpected status line: " + statusLine, e);
        }
        if (deviceLine.contains("raid0") || deviceLine.contains("linear")) {
            // Only component devices carry a [n] on the device line.
            long total = count(deviceLine, "[");
            return new long[] {total, total, 0, size};
        }
        if (deviceLine.contains("inactive")) {
            return new long[] {0, 0, 0, size};
        }
        Matcher m = STATUS.matcher(statusLine);
        if (!m.find()) {
            throw new IOException("couldn't find all the substring matches: " + statusLine);
        }
        return new long[] {Long.parseLong(m.group(3)), Long.parseLong(m.group(2)), count(m.group(4), "_"), size};
    }

    private static long count(String s, String what) {
        long n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
