package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.procfs.FdTable;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.ReadStatus;
import org.nodeprocessexporter.testsupport.TreeCopy;

/**
 * The fd-link cache over a copy of the fixture tree whose links and socket tables the test changes
 * between scrapes: an unchanged descriptor table costs no readlink, and each way a remembered link
 * can go wrong while the descriptor numbers stay the same is caught by one of the rules of
 * {@link FdLinks}. Each scenario fails if its rule is removed.
 */
class FdLinksTest {
    // sockets of the fixture tree (all in one namespace; each pid has a copy of the tables)
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
            + "  timeout inode\n";

    @TempDir
    Path root;
    private final NetNamespaces namespaces = new NetNamespaces(new ProcFile());
    private final FdLinks links = new FdLinks(new FdTable(false));
    private TrackedProcess init;
    private TrackedProcess java;
    private long scrape;

    @BeforeEach
    void copyTree() throws IOException {
        TreeCopy.copy(CollectorHarness.FIXTURES.resolve("proc"), root);
        init = process(1);
        java = process(5371);
    }

    private TrackedProcess process(int pid) {
        TrackedProcess p = new TrackedProcess(pid, 0, 0, null, "root", 0);
        p.dir = root.resolve(Integer.toString(pid));
        return p;
    }

    /** What the tracker does per scrape, for these processes; the links read. */
    private long scrape(TrackedProcess... ps) {
        scrape++;
        // a scrape on which the staggered full read would hide what a test looks at is skipped
        for (TrackedProcess p : ps) {
            if ((scrape + p.pid) % ProcessTracker.REFRESH_EVERY == 0) {
                scrape++;
            }
        }
        long before = links.linksRead;
        for (TrackedProcess p : ps) {
            p.refresh = false;
            links.scan(p, scrape);
        }
        namespaces.begin(scrape);
        for (TrackedProcess p : ps) {
            p.netTables = p.socketCount > 0 ? namespaces.tablesOf(p) : null;
        }
        links.validate(List.of(ps), scrape, namespaces);
        namespaces.end();
        return links.linksRead - before;
    }

    private static List<Long> sockets(TrackedProcess p) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < p.socketCount; i++) {
            out.add(p.sockets[i]);
        }
        return out;
    }

    private void link(int pid, int fd, String target) throws IOException {
        Path l = root.resolve(pid + "/fd/" + fd);
        Files.deleteIfExists(l);
        Files.createSymbolicLink(l, Path.of(target));
    }

    /** Rewrites the TCP table of the namespace (every pid's copy) with listeners of these inodes, ports from 20000. */
    private void tcpTable(long... inodes) throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < inodes.length; i++) {
            b.append(String.format("   %d: 0100007F:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000"
                    + "     0        0 %d 1 0000000000000000 100 0 0 10 0%n", i, 20000 + i, inodes[i]));
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (Files.exists(d.resolve("net/tcp"))) {
                    Files.writeString(d.resolve("net/tcp"), b);
                }
            }
        }
    }

    @Test
    void anUnchangedDescriptorTableIsNotReadAgain() {
        assertThat(scrape(init, java)).isEqualTo(4); // 1: fds 0 and 7; 5371: fds 0 and 3
        assertThat(sockets(init)).containsExactly(1216L);
        assertThat(scrape(init, java)).isZero();
        assertThat(sockets(init)).containsExactly(1216L);
        assertThat(sockets(java)).containsExactly(10188L);
    }

    @Test
    void onlyNewDescriptorNumbersHaveTheirLinksRead() throws IOException {
        scrape(init, java);
        link(1, 9, "socket:[10509]");
        link(1, 3, "/dev/zero");
        assertThat(scrape(init, java)).isEqualTo(2);
        assertThat(Arrays.copyOf(init.fds, init.fdCount)).containsExactly(0, 3, 7, 9);
        assertThat(sockets(init)).containsExactly(1216L, 10509L);
        Files.delete(root.resolve("1/fd/7"));
        assertThat(scrape(init, java)).isZero();
        assertThat(sockets(init)).containsExactly(10509L);
    }

    @Test
    void rule1AClosedSocketsNumberReusedForAnotherSocket() throws IOException {
        scrape(init, java);
        link(1, 7, "socket:[555001]");
        tcpTable(555001, 10188, 10509, 7716); // 1216 closed
        assertThat(scrape(init, java)).isEqualTo(1);
        assertThat(sockets(init)).containsExactly(555001L);
    }

    @Test
    void rule2ASharedSocketClosedByOneHolderWhoseNumberIsReused() throws IOException {
        link(5371, 3, "socket:[1216]"); // both hold 1216 (inherited)
        tcpTable(1216, 10509, 7716, 555002);
        scrape(init, java);
        assertThat(sockets(java)).containsExactly(1216L);
        link(1, 7, "socket:[555002]"); // init closed its copy and got another socket at 7
        scrape(init, java);
        assertThat(sockets(init)).containsExactly(555002L);
        assertThat(sockets(java)).containsExactly(1216L);
    }

    @Test
    void rule3AFileDescriptorNumberReusedForANewSocketIsFoundOneScrapeLate() throws IOException {
        scrape(init, java);
        link(5371, 0, "socket:[555003]");
        tcpTable(1216, 10188, 10509, 7716, 555003);
        assertThat(scrape(init, java)).isZero();
        assertThat(sockets(java)).containsExactly(10188L);
        assertThat(scrape(init, java)).isEqualTo(4);
        assertThat(sockets(java)).containsExactlyInAnyOrder(555003L, 10188L);
        assertThat(scrape(init, java)).isZero(); // 10509 and 7716 stay unclaimed: confirmed, no more reads
    }

    @Test
    void rule3AlsoReachesAProcessThatHadNoSockets() throws IOException {
        link(5371, 3, "/dev/null");
        scrape(init, java);
        assertThat(sockets(java)).isEmpty();
        link(5371, 3, "socket:[555004]");
        tcpTable(1216, 10188, 10509, 7716, 555004);
        scrape(init, java);
        scrape(init, java);
        assertThat(sockets(java)).containsExactly(555004L);
        assertThat(java.netTables).isNotNull();
    }

    @Test
    void aSocketUnclaimedInOneScrapeOnlyCausesNoReads() throws IOException {
        scrape(init, java);
        tcpTable(1216, 10188, 10509, 7716, 555005); // opened after its process was scanned ...
        assertThat(scrape(init, java)).isZero();
        tcpTable(1216, 10188, 10509, 7716); // ... and closed by the next scrape
        assertThat(scrape(init, java)).isZero();
    }

    @Test
    void socketsNobodyHoldsDoNotCauseReadsEveryScrape() throws IOException {
        // 10509 and 7716 belong to a process not scanned here: unclaimed, but not new after the first scrape
        scrape(init, java);
        assertThat(scrape(init, java)).isZero();
        assertThat(scrape(init, java)).isZero();
    }

    @Test
    void everyProcessIsReadInFullEveryFewScrapes() {
        scrape(init);
        long reads = 0;
        for (int i = 0; i < ProcessTracker.REFRESH_EVERY; i++) {
            scrape++;
            init.refresh = (scrape + init.pid) % ProcessTracker.REFRESH_EVERY == 0; // as the tracker sets it
            long before = links.linksRead;
            links.scan(init, scrape);
            reads += links.linksRead - before;
        }
        assertThat(reads).isEqualTo(2);
        assertThat(Arrays.copyOf(init.fds, init.fdCount)).containsExactly(0, 7);
    }

    @Test
    void aProcessWhoseLinksAreRefusedCostsOneRefusalAndIsMarked() {
        int[] calls = {0};
        boolean[] refuse = {true};
        FdLinks refusing = new FdLinks(new FdTable(false), (dir, fd) -> {
            calls[0]++;
            return refuse[0] ? FdTable.LINK_DENIED : FdTable.linkInode(dir, fd);
        });
        java.refresh = false;
        assertThat(refusing.scan(java, 1)).isEqualTo(ReadStatus.OK);
        assertThat(java.fdCount).isEqualTo(2); // 0 -> /dev/null, 3 -> a socket
        assertThat(calls[0]).isEqualTo(1); // the rest are taken as refused too
        assertThat(java.socketCount).isZero();
        assertThat(java.linksDenied).isTrue();

        // the same descriptors next scrape: nothing read, still marked
        assertThat(refusing.scan(java, 2)).isEqualTo(ReadStatus.OK);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(java.linksDenied).isTrue();

        // readable again: the next full read finds its sockets and clears the mark
        refuse[0] = false;
        java.refresh = true;
        refusing.scan(java, 3);
        assertThat(calls[0]).isEqualTo(1 + java.fdCount);
        assertThat(java.linksDenied).isFalse();
        assertThat(java.socketCount).isPositive();
    }
}
