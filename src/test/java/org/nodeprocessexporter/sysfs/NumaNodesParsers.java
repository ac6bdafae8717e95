package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@link NumaNodes}' package-private parsers, for the property tests in procfs. */
public final class NumaNodesParsers {
    private NumaNodesParsers() {
    }

    public static List<NumaNodes.Value> meminfo(String text) throws IOException {
        List<NumaNodes.Value> out = new ArrayList<>();
        NumaNodes.parseMeminfo(text, out);
        return out;
    }

    public static List<NumaNodes.Value> numastat(String text) throws IOException {
        List<NumaNodes.Value> out = new ArrayList<>();
        NumaNodes.parseNumastat(text, "0", out);
        return out;
    }
}
