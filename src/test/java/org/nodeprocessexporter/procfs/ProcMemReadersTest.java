package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers of buddyinfo, zoneinfo, slabinfo, interrupts, softirqs, swaps and the process census. */
class ProcMemReadersTest {
    private static List<Zoneinfo.Zone> zoneinfo(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return Zoneinfo.parse(b, b.length);
    }

    private static List<Interrupts.Interrupt> interrupts(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return Interrupts.parse(b, b.length);
    }

    private static List<Slabinfo.Slab> slabinfo(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return Slabinfo.parse(b, b.length);
    }

    @Test
    void buddyinfoOfTheFixture() throws Exception {
        BuddyInfo info = BuddyInfo.read(Fixtures.procRoot());
        assertThat(info.zones()).extracting(BuddyInfo.Zone::node, BuddyInfo.Zone::zone).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0", "DMA"), org.assertj.core.groups.Tuple.tuple("0", "DMA32"),
                org.assertj.core.groups.Tuple.tuple("0", "Normal"));
        assertThat(info.zones()).allSatisfy(z -> assertThat(z.free()).hasSize(11));
    }

    @Test
    void buddyinfoRefusesShortLinesAndUnequalOrderCounts() {
        assertThatThrownBy(() -> BuddyInfo.parse("Node 0, zone DMA 1 2\nNode 0, zone DMA32 1\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("mismatch");
        assertThatThrownBy(() -> BuddyInfo.parse("Node 0, zone\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> BuddyInfo.parse("Node 0, zone DMA 1 x\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> BuddyInfo.parse("Node 0, zone DMA 1\n\nNode 0, zone DMA32 2\n"))
                .as("a blank line is a line of no fields").isInstanceOf(IOException.class);
    }

    @Test
    void zoneinfoPerNodeStatsBelongToTheFirstZoneOfTheNode() {
        List<Zoneinfo.Zone> zones = zoneinfo("""
                Node 0, zone      DMA
                  per-node stats
                      nr_inactive_anon 74595
                      nr_dirtied   333358
                  pages free     3840
                        min      52
                        spanned  4095
                        protection: (0, 3018, 4810)
                      nr_free_pages 3840
                      numa_hit     5
                  pagesets
                    cpu: 0
                              count:    0
                              high:     7
                Node 0, zone    DMA32
                  pages free     772850
                        min      10569
                        protection: (0, 0, 1792)
                      nr_free_pages 772850
                Node 1, zone   Normal
                  per-node stats
                      nr_inactive_anon 11
                        min      0x10
                        low      010
                        high     -3
                """);
        assertThat(zones).extracting(Zoneinfo.Zone::node, Zoneinfo.Zone::zone).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0", "DMA"), org.assertj.core.groups.Tuple.tuple("0", "DMA32"),
                org.assertj.core.groups.Tuple.tuple("1", "Normal"));
        int inactiveAnon = Zoneinfo.KEYS.indexOf("nr_inactive_anon");
        int min = Zoneinfo.KEYS.indexOf("min");
        int high = Zoneinfo.KEYS.indexOf("high");
        Zoneinfo.Zone dma = zones.get(0);
        assertThat(dma.has(inactiveAnon)).isTrue();
        assertThat(dma.values()[inactiveAnon]).isEqualTo(74595);
        assertThat(dma.values()[Zoneinfo.KEYS.indexOf("nr_dirtied")]).isEqualTo(333358);
        assertThat(dma.values()[Zoneinfo.KEYS.indexOf("numa_hit")]).isEqualTo(5);
        assertThat(dma.values()[min]).isEqualTo(52);
        assertThat(dma.has(high)).as("the per-CPU 'high:' is not the watermark").isFalse();
        assertThat(dma.protection()).containsExactly(0, 3018, 4810);
        assertThat(zones.get(1).has(inactiveAnon)).isFalse();
        assertThat(zones.get(1).protection()).containsExactly(0, 0, 1792);
        Zoneinfo.Zone normal = zones.get(2);
        assertThat(normal.values()[min]).as("Go's base 0: hex").isEqualTo(16);
        assertThat(normal.values()[Zoneinfo.KEYS.indexOf("low")]).as("Go's base 0: octal").isEqualTo(8);
        assertThat(normal.values()[high]).isEqualTo(-3);
        assertThat(normal.protection()).isNull();
    }

    @Test
    void zoneinfoBadValueErasesTheKeyAndBadProtectionKeepsTheOldOne() {
        Zoneinfo.Zone z = zoneinfo("""
                Node 0, zone DMA
                        min 5
                        min five
                        protection: (1, 2)
                        protection: (1, x)
                        low
                """).get(0);
        assertThat(z.has(Zoneinfo.KEYS.indexOf("min"))).isFalse();
        assertThat(z.has(Zoneinfo.KEYS.indexOf("low"))).as("a key without a value is skipped").isFalse();
        assertThat(z.protection()).containsExactly(1, 2);
    }

    @Test
    void zoneinfoOfTheFixtureHasItsFiveZonesAndNothingIsAnErrorOnGarbage() throws Exception {
        List<Zoneinfo.Zone> zones = Zoneinfo.read(new ProcFile(), Fixtures.procRoot());
        assertThat(zones).extracting(Zoneinfo.Zone::zone).containsExactly("DMA", "DMA32", "Normal", "Movable", "Device");
        assertThat(zones.get(2).values()[Zoneinfo.KEYS.indexOf("spanned")]).isEqualTo(5505024);
        assertThat(zoneinfo("")).singleElement().satisfies(z -> {
            assertThat(z.node()).isEmpty();
            assertThat(z.present()).isZero();
        });
        assertThat(zoneinfo("garbage\n\u00ff\u0000 min 3\n")).singleElement()
                .satisfies(z -> assertThat(z.present()).isZero());
    }

    @Test
    void slabinfoOfTheFixtureAndItsMalformedLines() throws Exception {
        List<Slabinfo.Slab> slabs = Slabinfo.read(new ProcFile(), Fixtures.procRoot());
        assertThat(slabs).extracting(Slabinfo.Slab::name)
                .containsExactly("TCP", "inode_cache", "dentry", "task_struct", "kmalloc-rcl-64", "kmalloc-64");
        assertThat(slabs.get(0)).isEqualTo(new Slabinfo.Slab("TCP", 92, 143, 2368, 13, 8));
        String ok = "a 1 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0";
        assertThat(slabinfo("slabinfo - version: 2.1\n# name <x>\n" + ok)).singleElement()
                .isEqualTo(new Slabinfo.Slab("a", 1, 2, 3, 4, 5));
        assertThatThrownBy(() -> slabinfo(ok.replace(" 5 :", " :") + "\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> slabinfo(ok.replace(" 3 ", " x ") + "\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> slabinfo(ok + " \n")).as("a trailing blank makes a 17th field")
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> slabinfo(ok + "\n\n" + ok + "\n")).as("a blank line").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> slabinfo(ok.replace(" 0 : slabdata", " x : slabdata"))).as("tunables are parsed too")
                .isInstanceOf(IOException.class);
    }

    @Test
    void interruptsOfTheFixtureSkipErrAndMis() throws Exception {
        List<Interrupts.Interrupt> all = Interrupts.read(new ProcFile(), Fixtures.procRoot());
        assertThat(all).extracting(Interrupts.Interrupt::name).containsExactly("24", "26", "41", "NMI", "LOC", "CAL");
        Interrupts.Interrupt msix = all.get(2);
        assertThat(msix.info()).isEqualTo("PCI-MSIX-0000:00:04.0");
        assertThat(msix.devices()).isEqualTo("1-edge virtio3-rx");
        assertThat(msix.counts()).containsExactly(3378, 0);
        assertThat(all.get(4).info()).isEqualTo("Local timer interrupts");
        assertThat(all.get(4).devices()).isEmpty();
    }

    @Test
    void interruptsNamedOnAarch64WithoutBlankAfterTheColonAndRepeatedNames() throws Exception {
        List<Interrupts.Interrupt> all = interrupts("""
                           CPU0       CPU1       CPU2
                 11:        7     8     9     GICv3  27 Level     arch_timer
                IPI0:12 13 14       Rescheduling interrupts
                IPI1: 1 2
                Err:          0
                 11:        1     2     3     GICv3  27 Level     arch_timer
                 no colon here 1 2 3 4
                """);
        assertThat(all).extracting(Interrupts.Interrupt::name).containsExactly("IPI0", "11");
        assertThat(all.get(0).counts()).containsExactly(12, 13, 14);
        assertThat(all.get(0).info()).isEqualTo("Rescheduling interrupts");
        assertThat(all.get(1).counts()).as("the last line of a name wins").containsExactly(1, 2, 3);
        assertThat(all.get(1).info()).isEqualTo("GICv3");
        assertThat(all.get(1).devices()).isEqualTo("27 Level arch_timer");
    }

    @Test
    void interruptsKeepABadCountForTheCollectorAndRefuseAnEmptyFile() throws Exception {
        Interrupts.Interrupt i = interrupts("CPU0 CPU1\n 5: 12 x1 IO-APIC 5-edge foo\n").get(0);
        assertThat(i.badValue()).isEqualTo("x1");
        assertThat(i.counts()[0]).isEqualTo(12);
        assertThatThrownBy(() -> interrupts("")).isInstanceOf(IOException.class).hasMessage("interrupts empty");
    }

    @Test
    void softirqsKeepTheTenKnownVectors() throws Exception {
        Map<String, double[]> s = Softirqs.parse("""
                                    CPU0       CPU1
                          HI:          1          2
                       TIMER:      11368      12369
                       OTHER:          5          5
                         RCU:
                         RCU:          3          4
                """);
        assertThat(s.keySet()).containsExactlyInAnyOrder("HI", "TIMER", "RCU");
        assertThat(s.get("RCU")).containsExactly(3, 4);
        assertThat(Softirqs.read(Fixtures.procRoot()).keySet()).containsExactlyInAnyOrderElementsOf(Softirqs.TYPES);
        assertThatThrownBy(() -> Softirqs.parse("CPU0\nHI: -1\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Softirqs.parse("")).isInstanceOf(IOException.class);
    }

    @Test
    void swapsAfterTheHeader() throws Exception {
        assertThat(Swaps.read(Fixtures.procRoot())).containsExactly(
                new Swaps.Swap("/dev/vdb2", "partition", 8388604, 1024, -2),
                new Swaps.Swap("/var/swap\\040file", "file", 1048572, 0, 10));
        assertThat(Swaps.parse("Filename Type Size Used Priority\n")).isEmpty();
        assertThat(Swaps.parse("")).isEmpty();
        assertThatThrownBy(() -> Swaps.parse("h\n/dev/x partition 1 2\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Swaps.parse("h\n/dev/x partition 1 2 high\n")).isInstanceOf(IOException.class);
    }

    @Test
    void censusOfTheFixtureProcesses() throws Exception {
        ProcessCensus.Counts c = new ProcessCensus(Fixtures.procRoot()).count();
        assertThat(c.pids()).isEqualTo(4);
        // num_threads of the four stat files: 13 + 1 + 21 + 1
        assertThat(c.threads()).isEqualTo(36);
        assertThat(c.processes()['S']).isEqualTo(4);
        int listed = 0;
        for (int n : c.threadStates()) {
            listed += n;
        }
        assertThat(listed).as("threads listed under task/: 3 + 1 + the others' task directories").isEqualTo(8);
    }

    @Test
    void censusSkipsAProcessThatIsGoneAndFailsOnAMalformedStat(@TempDir Path proc) throws Exception {
        Path p = Files.createDirectories(proc.resolve("10/task/11"));
        Files.writeString(proc.resolve("10/stat"), stat(10, "a b)", 'S', 2));
        Files.writeString(p.resolve("stat"), stat(11, "w", 'D', 2));
        Files.createDirectories(proc.resolve("12")); // listed, gone before its stat is read
        Files.createDirectories(proc.resolve("self"));
        ProcessCensus census = new ProcessCensus(proc);
        ProcessCensus.Counts c = census.count();
        assertThat(c.pids()).isEqualTo(1);
        assertThat(c.threads()).isEqualTo(2);
        assertThat(c.threadStates()['D']).as("a task other than the leader").isEqualTo(1);
        assertThat(c.threadStates()['S']).as("task/ lacks the leader here").isZero();
        Files.writeString(proc.resolve("10/stat"), stat(10, "a", 'S', 2).substring(0, 30));
        assertThatThrownBy(census::count).isInstanceOf(IOException.class).hasMessageContaining("pid 10");
        assertThatThrownBy(() -> new ProcessCensus(proc.resolve("none")).count()).isInstanceOf(NoSuchFileException.class);
    }

    /** A stat line as the kernel prints it, with the given comm, state and num_threads. */
    static String stat(int pid, String comm, char state, int threads) {
        StringBuilder sb = new StringBuilder().append(pid).append(" (").append(comm).append(") ").append(state);
        for (int field = 4; field <= 52; field++) {
            sb.append(' ').append(field == 20 ? threads : field);
        }
        return sb.append('\n').toString();
    }
}
