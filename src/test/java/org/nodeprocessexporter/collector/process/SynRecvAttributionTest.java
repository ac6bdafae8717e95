package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.procfs.SocketTable;

/**
 * Half-open connections (the kernel's request sockets: SYN_RECV rows without an inode) count for
 * the listener they wait for: by port, and by address unless the listener takes every address; an
 * IPv6 listener on :: also takes the IPv4 ones, unless an IPv4 socket listens on that port.
 */
class SynRecvAttributionTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    private static String row(int sl, String local, String remote, String state, long inode) {
        return String.format("%4d: %s %s %s 00000000:00000000 00:00000000 00000000     0        0 %d 1 0000000000000000%n",
                sl, local, remote, state, inode);
    }

    private static NetNamespaces.Tables tables(String tcp, String tcp6) {
        NetNamespaces.Tables t = new NetNamespaces.Tables();
        byte[] v4 = (HEADER + tcp).getBytes(StandardCharsets.US_ASCII);
        byte[] v6 = (HEADER + tcp6).getBytes(StandardCharsets.US_ASCII);
        t.tables[0].parse(v4, v4.length, ByteOrder.LITTLE_ENDIAN);
        t.tables[1].parse(v6, v6.length, ByteOrder.LITTLE_ENDIAN);
        return t;
    }

    private static final String ANY4 = "00000000";
    private static final String TEN_1 = "0100000A"; // 10.0.0.1
    private static final String TEN_2 = "0200000A"; // 10.0.0.2
    private static final String ANY6 = "00000000000000000000000000000000";
    private static final String LO6 = "00000000000000000000000001000000"; // ::1
    private static final String TWO6 = "00000000000000000000000002000000"; // ::2

    @Test
    void requestsCountForTheirListener() {
        NetNamespaces.Tables t = tables(
                row(0, ANY4 + ":1F90", ANY4 + ":0000", "0A", 100) // 0.0.0.0:8080 listening
                        + row(1, TEN_1 + ":1F90", TEN_2 + ":9C40", "03", 0)
                        + row(2, TEN_1 + ":1F90", TEN_2 + ":9C41", "03", 0)
                        + row(3, TEN_2 + ":1F90", TEN_1 + ":9C42", "03", 0)
                        + row(4, TEN_1 + ":2382", TEN_2 + ":9C43", "03", 0) // to 9090, the IPv6 listener's
                        + row(5, TEN_1 + ":1F90", TEN_2 + ":9C44", "01", 200) // established: not a request
                        + row(6, TEN_1 + ":0016", ANY4 + ":0000", "0A", 300), // 10.0.0.1:22, none waiting
                row(0, ANY6 + ":2382", ANY6 + ":0000", "0A", 400) // [::]:9090
                        + row(1, LO6 + ":1B9E", ANY6 + ":0000", "0A", 500) // [::1]:7070
                        + row(2, LO6 + ":1B9E", LO6 + ":A000", "03", 0)
                        + row(3, LO6 + ":1B9E", LO6 + ":A001", "03", 0)
                        + row(4, TWO6 + ":1B9E", LO6 + ":A002", "03", 0)); // to ::2: not [::1]'s
        SocketTable v4 = t.tables[0];
        SocketTable v6 = t.tables[1];
        assertThat(t.requestsFor(0, v4.rowOfInode(100))).as("0.0.0.0:8080").isEqualTo(3);
        assertThat(t.requestsFor(0, v4.rowOfInode(300))).as("10.0.0.1:22").isZero();
        assertThat(t.requestsFor(0, v4.rowOfInode(200))).as("not a listener").isZero();
        assertThat(t.requestsFor(1, v6.rowOfInode(400))).as("[::]:9090 takes the IPv4 request").isEqualTo(1);
        assertThat(t.requestsFor(1, v6.rowOfInode(500))).as("[::1]:7070").isEqualTo(2);
    }

    @Test
    void anIpv4ListenerOnThePortKeepsItsRequestsFromTheIpv6One() {
        NetNamespaces.Tables t = tables(
                row(0, ANY4 + ":0050", ANY4 + ":0000", "0A", 100) // 0.0.0.0:80
                        + row(1, TEN_1 + ":0050", TEN_2 + ":9C40", "03", 0),
                row(0, ANY6 + ":0050", ANY6 + ":0000", "0A", 400)); // [::]:80, IPV6_V6ONLY beside it
        assertThat(t.requestsFor(0, t.tables[0].rowOfInode(100))).isEqualTo(1);
        assertThat(t.requestsFor(1, t.tables[1].rowOfInode(400))).isZero();
    }
}
