package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.testsupport.TreeCopy;

/**
 * A namespace's socket tables are read once per scrape, except a table of a protocol its
 * sockstat says it has no socket of (over a copy of fixture process 5371, with a socket added to
 * its tcp6 and udp6 tables).
 */
class NetNamespacesTest {
    @TempDir
    Path root;
    private TrackedProcess p;

    @BeforeEach
    void copyTree() throws Exception {
        TreeCopy.copy(CollectorHarness.FIXTURES.resolve("proc"), root);
        p = new TrackedProcess(5371, 0, 0, null, "root", 0);
        p.dir = root.resolve("5371");
        p.refresh = true;
        // the captured tcp6 and udp6 are empty: one IPv6 listener and one UDP6 socket each
        Files.writeString(p.dir.resolve("net/tcp6"), "   0: 00000000000000000000000000000000:1F90 "
                + "00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "
                + "55555 1 0000000000000000 100 0 0 10 0\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(p.dir.resolve("net/udp6"), "  100: 00000000000000000000000000000000:14E9 "
                + "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 "
                + "55556 2 0000000000000000 0\n", java.nio.file.StandardOpenOption.APPEND);
    }

    private NetNamespaces.Tables load(NetNamespaces namespaces, long scrape) {
        namespaces.begin(scrape);
        NetNamespaces.Tables t = namespaces.tablesOf(p);
        assertThat(t).isNotNull();
        return t;
    }

    @Test
    void aTableWithNoSocketInUseIsNotRead() throws Exception {
        NetNamespaces namespaces = new NetNamespaces(new ProcFile());
        NetNamespaces.Tables all = load(namespaces, 1);
        int[] sizes = new int[4];
        for (int i = 0; i < 4; i++) {
            sizes[i] = all.tables[i].size();
        }
        assertThat(sizes[1]).isPositive(); // tcp6
        assertThat(namespaces.tablesSkipped).isZero();

        // sockstat6 says no TCP6 socket: tcp6 is not read (the file's sockets are not reported);
        // the other tables are, the IPv4 ones whatever sockstat (absent here) says
        Files.writeString(p.dir.resolve("net/sockstat6"),
                "TCP6: inuse 0\nUDP6: inuse " + sizes[3] + "\nUDPLITE6: inuse 0\nRAW6: inuse 0\nFRAG6: inuse 0 memory 0\n");
        NetNamespaces.Tables skipped = load(namespaces, 2);
        assertThat(skipped.tables[1].size()).isZero();
        assertThat(skipped.tables[0].size()).isEqualTo(sizes[0]);
        assertThat(skipped.tables[2].size()).isEqualTo(sizes[2]);
        assertThat(skipped.tables[3].size()).isEqualTo(sizes[3]);
        assertThat(namespaces.tablesSkipped).isEqualTo(1);

        Files.writeString(p.dir.resolve("net/sockstat"),
                "sockets: used 12\nTCP: inuse 0 orphan 0 tw 0 alloc 0 mem 0\nUDP: inuse 3 mem 0\n");
        NetNamespaces.Tables both = load(namespaces, 3);
        assertThat(both.tables[0].size()).isZero();
        assertThat(both.tables[2].size()).isEqualTo(sizes[2]);
        assertThat(namespaces.tablesSkipped).isEqualTo(3);
    }

    @Test
    void anUnreadableSockstatMeansTheTablesAreRead() throws Exception {
        Files.writeString(p.dir.resolve("net/sockstat6"), "TCP6: inuse\n"); // malformed
        NetNamespaces namespaces = new NetNamespaces(new ProcFile());
        NetNamespaces.Tables t = load(namespaces, 1);
        assertThat(t.tables[1].size()).isPositive();
        assertThat(namespaces.tablesSkipped).isZero();
    }
}
