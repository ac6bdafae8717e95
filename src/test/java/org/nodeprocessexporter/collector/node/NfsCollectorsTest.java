package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.NfsRpcStats;

class NfsCollectorsTest {
    @Test
    void nfsGoldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(NfsCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/nfs.prom")));
    }

    @Test
    void nfsdGoldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(NfsdCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/nfsd.prom")));
    }

    @Test
    void keyValuesLandOnTheirMethods() throws Exception {
        String nfs = CollectorHarness.scrapeFixtures(NfsCollector.SPEC);
        assertThat(nfs).contains("node_nfs_requests_total{method=\"GetAttr\",proto=\"3\"} 4084749.0")
                .contains("node_nfs_requests_total{method=\"Clone\",proto=\"4\"} 68.0")
                .contains("node_nfs_requests_total{method=\"Read\",proto=\"2\"} 0.0")
                .contains("node_nfs_packets_total{protocol=\"tcp\"} 18628.0")
                .contains("node_nfs_rpc_retransmissions_total 12.0");
        String nfsd = CollectorHarness.scrapeFixtures(NfsdCollector.SPEC);
        assertThat(nfsd).contains("node_nfsd_requests_total{method=\"GetAttr\",proto=\"4\"} 8179.0")
                .contains("node_nfsd_requests_total{method=\"PutFH\",proto=\"4\"} 9609.0")
                .contains("node_nfsd_requests_total{method=\"Lookup\",proto=\"2\"} 4410.0")
                .doesNotContain("method=\"Null\"")
                .contains("node_nfsd_server_threads 8.0")
                .contains("node_nfsd_read_ahead_cache_not_found_total 4.0")
                .contains("node_nfsd_rpc_errors_total{error=\"cInt\"} 3.0");
    }

    @Test
    void aProcLineWhoseCountDisagreesIsAnError() {
        assertThatThrownBy(() -> NfsRpcStats.parse("proc3 22 1 2 3\n", "nfs")).hasMessageContaining("proc3");
    }

    /** node_exporter 1.5 reports nfs and nfsd as unsuccessful on this VM, which has no NFS. */
    @Test
    void liveWithoutNfsIsNoData(@TempDir Path empty) throws Exception {
        for (var spec : java.util.List.of(NfsCollector.SPEC, NfsdCollector.SPEC)) {
            var c = CollectorHarness.build(spec, empty, empty, empty);
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
        }
        Path live = Path.of("/proc/net/rpc/nfs");
        if (Files.exists(live)) {
            assertThat(CollectorHarness.scrape(CollectorHarness.build(NfsCollector.SPEC, Path.of("/proc"),
                    Path.of("/sys"), Path.of("/")))).contains("node_nfs_rpcs_total");
        }
    }
}
