package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/net/softnet_stat}: one line of hexadecimal counters per CPU. Columns appeared over
 * kernel versions; the ones a line lacks read as 0, and before Linux 5.14 (no index column) the
 * CPU is the line number.
 */
public record SoftnetStat(List<Cpu> cpus) {

    public record Cpu(long index, double processed, double dropped, double timeSqueezed, double cpuCollision,
                      double receivedRps, double flowLimitCount, double backlogLen) {
    }

    public static SoftnetStat read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("net/softnet_stat")));
    }

    public static SoftnetStat parse(String text) throws IOException {
        List<Cpu> cpus = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length == 0) {
                continue;
            }
            if (f.length < 9) {
                throw new IOException("unexpected line in /proc/net/softnet_stat: " + line);
            }
            long index = f.length >= 13 ? hex(f[12]) : lineNumber;
            cpus.add(new Cpu(index, hex(f[0]), hex(f[1]), hex(f[2]), hex(f[8]),
                    f.length >= 10 ? hex(f[9]) : 0, f.length >= 11 ? hex(f[10]) : 0,
                    f.length >= 13 ? hex(f[11]) : 0));
            lineNumber++;
        }
        return new SoftnetStat(cpus);
    }

    private static long hex(String s) throws IOException {
        try {
            return Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            throw new IOException("invalid number " + s + " in /proc/net/softnet_stat", e);
        }
    }
}
