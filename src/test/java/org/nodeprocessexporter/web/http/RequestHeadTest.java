package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadTest {
    private static RequestHead read(String head) throws IOException {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayInputStream in = new ByteArrayInputStream(b);
        return new RequestHeadReader().read(in.read(), in);
    }

    private static int status(String head) {
        try {
            read(head);
        } catch (BadRequestException e) {
            return e.status();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + head);
    }

    @Test
    void aScrapeRequest() throws Exception {
        RequestHead r = read("GET /metrics?collect[]=cpu HTTP/1.1\r\nHost: 127.0.0.1:9100\r\n"
                + "Accept: text/plain;version=0.0.4\r\nX-Prometheus-Scrape-Timeout-Seconds:  10 \r\n\r\n");
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.uri().getPath()).isEqualTo("/metrics");
        assertThat(r.uri().getRawQuery()).isEqualTo("collect[]=cpu");
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
        assertThat(r.headers().getFirst("host")).isEqualTo("127.0.0.1:9100");
        assertThat(r.headers().getFirst("X-PROMETHEUS-SCRAPE-TIMEOUT-SECONDS")).isEqualTo("10");
        assertThat(r.keepAlive()).isTrue();
    }

    @Test
    void bareLineFeedsEmptyLinesBeforeTheRequestAndRepeatedFields() throws Exception {
        RequestHead r = read("\r\n\nGET / HTTP/1.0\nA: 1\nA: 2\nConnection: Upgrade, Keep-Alive\n\n");
        assertThat(r.headers().get("a")).containsExactly("1", "2");
        assertThat(r.keepAlive()).isTrue();
        assertThat(read("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(read("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "http://example.org:9100/metrics?x=y, /metrics, x=y",
        "HTTPS://example.org, /, ",
        "http://example.org?x=y, /, x=y",
        "/a%20b?q=a|b, /a b, q=a%7Cb",
    })
    void targetsBecomePathAndQuery(String target, String path, String query) throws Exception {
        RequestHead r = read("GET " + target + " HTTP/1.1\r\n\r\n");
        assertThat(r.uri().getPath()).isEqualTo(path);
        assertThat(r.uri().getRawQuery()).isEqualTo(query);
        assertThat(r.uri().getHost()).isNull();
    }

    @Test
    void asteriskOnlyForOptions() throws Exception {
        assertThat(read("OPTIONS * HTTP/1.1\r\n\r\n").uri().getPath()).isEqualTo("*");
        assertThat(status("GET * HTTP/1.1\r\n\r\n")).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1 \r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/1\r\n\r\n",
        "GET / HTTP/1.10\r\n\r\n", "GET / http/1.1\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n", "GET /a\tb HTTP/1.1\r\n\r\n",
        "GET example.org:80 HTTP/1.1\r\n\r\n", "GET //evil/x HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nNo colon\r\n\r\n", "GET / HTTP/1.1\r\nName : value\r\n\r\n",
        "GET / HTTP/1.1\r\n: value\r\n\r\n", "GET / HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nA: x\u0000y\r\n\r\n", "GET / HTTP/1.1\r\nA: x\ry\r\n\r\n",
    })
    void malformedHeadsAre400(String head) {
        assertThat(status(head)).as(head).isEqualTo(400);
    }

    @Test
    void otherMajorVersionsAre505() {
        assertThat(status("GET / HTTP/2.0\r\n\r\n")).isEqualTo(505);
        assertThat(status("GET / HTTP/0.9\r\n\r\n")).isEqualTo(505);
    }

    @Test
    void limits() throws Exception {
        String longTarget = "/" + "a".repeat(RequestHeadReader.MAX_REQUEST_LINE);
        assertThat(status("GET " + longTarget + " HTTP/1.1\r\n\r\n")).isEqualTo(414);
        assertThat(read("GET /" + "a".repeat(RequestHeadReader.MAX_REQUEST_LINE - 20) + " HTTP/1.1\r\n\r\n"))
                .isNotNull();
        String big = "X: " + "v".repeat(1000) + "\r\n";
        assertThat(status("GET / HTTP/1.1\r\n" + big.repeat(66) + "\r\n")).isEqualTo(431);
        assertThat(read("GET / HTTP/1.1\r\n" + big.repeat(64) + "\r\n").headers().get("X")).hasSize(64);
        assertThat(status("GET / HTTP/1.1\r\n" + "A: 1\r\n".repeat(RequestHead.MAX_HEADER_FIELDS + 1) + "\r\n"))
                .isEqualTo(431);
        assertThat(read("GET / HTTP/1.1\r\n" + "A: 1\r\n".repeat(RequestHead.MAX_HEADER_FIELDS) + "\r\n")
                .headers().get("A")).hasSize(RequestHead.MAX_HEADER_FIELDS);
    }

    @Test
    void aHeadCutShortIsEndOfFileNotABadRequest() {
        assertThatThrownBy(() -> read("GET / HTTP/1.1\r\nHost: x\r\n")).isInstanceOf(EOFException.class);
    }
}
