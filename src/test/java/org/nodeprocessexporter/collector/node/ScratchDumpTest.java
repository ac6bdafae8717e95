package org.nodeprocessexporter.collector.node;

import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.CollectorHarness;

class ScratchDumpTest {
    @Test
    void dump() throws Exception {
        for (var spec : new org.nodeprocessexporter.collector.CollectorSpec[] {BuddyinfoCollector.SPEC, ZoneinfoCollector.SPEC,
                MeminfoNumaCollector.SPEC, SlabinfoCollector.SPEC, KsmdCollector.SPEC, SwapCollector.SPEC,
                ProcessesCollector.SPEC, InterruptsCollector.SPEC, SoftirqsCollector.SPEC}) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/x/" + spec.name() + ".prom"),
                    CollectorHarness.scrapeFixtures(spec));
        }
    }
}
