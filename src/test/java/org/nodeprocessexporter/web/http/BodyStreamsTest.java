package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BodyStreamsTest {
    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void chunkedRequestBodyIsDecodedAndTheNextRequestFollows() throws Exception {
        InputStream in = bytes("5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nGET /next");
        assertThat(new String(new ChunkedInputStream(in).readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("hello, world");
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("GET /next");
    }

    @Test
    void badChunkSizesAreBadRequests() {
        for (String body : new String[] {"x\r\n", "\r\n", "5x\r\nhello\r\n0\r\n\r\n", "5\r\nhelloXX0\r\n\r\n",
                                         "1234567890123456\r\n"}) {
            assertThatThrownBy(() -> new ChunkedInputStream(bytes(body)).readAllBytes()).as(body)
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> new ChunkedInputStream(bytes("5\r\nhel")).readAllBytes())
                .isInstanceOf(EOFException.class);
    }

    @Test
    void fixedLengthRequestBodyStopsAtItsLength() throws Exception {
        InputStream in = bytes("abcdefGET");
        assertThat(new FixedLengthInputStream(in, 6).readAllBytes()).isEqualTo("abcdef".getBytes(StandardCharsets.US_ASCII));
        assertThat(in.available()).isEqualTo(3);
        assertThatThrownBy(() -> new FixedLengthInputStream(bytes("ab"), 3).readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Property(tries = 200)
    void chunkedResponseBodyDecodesToWhatWasWritten(@ForAll @Size(max = 20) byte[][] writes,
                                                    @ForAll @IntRange(max = 40_000) int bigWrite) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire);
        for (byte[] w : writes) {
            out.write(w);
            expected.writeBytes(w);
        }
        byte[] big = new byte[bigWrite];
        java.util.Arrays.fill(big, (byte) 'x');
        out.write(big);
        expected.writeBytes(big);
        out.close();
        out.close();
        InputStream in = new ByteArrayInputStream(wire.toByteArray());
        assertThat(new ChunkedInputStream(in).readAllBytes()).isEqualTo(expected.toByteArray());
        assertThat(in.available()).isZero();
    }

    @Test
    void chunksAreAtMostChunkSizeAndTheLastOneIsEmpty() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire);
        out.write(new byte[ChunkedOutputStream.CHUNK + 1]);
        out.close();
        String text = wire.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("4000\r\n").endsWith("\r\n1\r\n\u0000\r\n0\r\n\r\n");
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void fixedLengthResponseBodyRefusesTooManyBytesAndReportsAShortClose() throws Exception {
        AtomicBoolean closedShort = new AtomicBoolean();
        FixedLengthOutputStream out = new FixedLengthOutputStream(new ByteArrayOutputStream(), 3, () -> closedShort.set(true));
        out.write(new byte[2]);
        assertThatThrownBy(() -> out.write(new byte[2])).hasMessage("too many bytes to write to stream");
        assertThatThrownBy(out::close).hasMessage("insufficient bytes written to stream");
        assertThat(closedShort).isTrue();

        AtomicBoolean exact = new AtomicBoolean();
        FixedLengthOutputStream full = new FixedLengthOutputStream(new ByteArrayOutputStream(), 3, () -> exact.set(true));
        full.write(new byte[3]);
        full.close();
        assertThat(exact).isFalse();
    }

    @Test
    void anUnreadBodyIsDrainedUpToTheLimit() throws Exception {
        InputStream small = bytes("abcGET");
        assertThat(new RequestBody(new FixedLengthInputStream(small, 3), null).drain(10)).isTrue();
        assertThat(small.available()).isEqualTo(3);
        assertThat(new RequestBody(new FixedLengthInputStream(bytes("a".repeat(100)), 100), null).drain(10)).isFalse();
        // the client waits for 100 Continue before it sends the body: nothing to drain, the connection must go
        assertThat(new RequestBody(new FixedLengthInputStream(bytes("abc"), 3), () -> { }).drain(10)).isFalse();
    }
}
