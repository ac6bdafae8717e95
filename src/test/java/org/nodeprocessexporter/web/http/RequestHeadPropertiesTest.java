package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Header sets written as a client writes them parse back to the same fields; garbage only ever is a bad request. */
class RequestHeadPropertiesTest {
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Provide
    Arbitrary<List<Tuple2<String, String>>> fields() {
        Arbitrary<String> names = Arbitraries.strings().withChars(TCHARS.toCharArray()).ofMinLength(1).ofMaxLength(20);
        // visible ASCII and obs-text, with blanks and tabs inside but not at the ends (the parser trims those)
        Arbitrary<String> inner = Arbitraries.strings().withCharRange('!', '~').withCharRange('\u0080', '\u00ff')
                .withChars(' ', '\t').ofMaxLength(40);
        Arbitrary<Character> edge = Arbitraries.chars().range('!', '~');
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.just(""), edge.map(String::valueOf),
                Combinators.combine(edge, inner, edge).as((a, m, b) -> a + m + b));
        return Combinators.combine(names, values).as(Tuple::of).list().ofMaxSize(RequestHead.MAX_HEADER_FIELDS);
    }

    @Property
    void writtenFieldsParseBackToTheSameNamesAndValues(@ForAll("fields") List<Tuple2<String, String>> fields,
                                                       @ForAll boolean crlf, @ForAll boolean spaceAfterColon)
            throws Exception {
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder head = new StringBuilder("GET /x?y=z HTTP/1.1" + eol);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (Tuple2<String, String> f : fields) {
            head.append(f.get1()).append(spaceAfterColon ? ": " : ":").append(f.get2()).append(eol);
            expected.computeIfAbsent(f.get1().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.get2());
        }
        head.append(eol);
        byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        RequestHead parsed = new RequestHeadReader().read(in.read(), in);

        Map<String, List<String>> actual = new LinkedHashMap<>();
        parsed.headers().forEach((name, values) -> actual.put(name.toLowerCase(Locale.ROOT), values));
        assertThat(actual).isEqualTo(expected);
        assertThat(in.available()).isZero();
        assertThat(RequestHead.parse(bytes, bytes.length).headers()).isEqualTo(parsed.headers());
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        // mostly the bytes that structure a head, so that near-misses are common
        Arbitrary<Byte> structural = Arbitraries.of(" :\r\n\t/HTTP1.GET*%?".toCharArray()).map(c -> (byte) c.charValue());
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> b = Arbitraries.frequencyOf(Tuple.of(3, structural), Tuple.of(1, any),
                Tuple.of(2, Arbitraries.chars().alpha().map(c -> (byte) c.charValue())));
        return b.array(byte[].class).ofMaxSize(300);
    }

    @Property
    void garbageIsParsedOrABadRequestNothingElse(@ForAll("garbage") byte[] garbage, @ForAll boolean prefixed) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        if (prefixed) {
            head.writeBytes("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        head.writeBytes(garbage);
        head.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = head.toByteArray();
        try {
            RequestHead.parse(garbage, garbage.length);
        } catch (BadRequestException expected) {
            // fine
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        try {
            RequestHead r = new RequestHeadReader().read(in.read(), in);
            assertThat(r.uri()).isNotNull();
            assertThat(r.major()).isEqualTo(1);
            r.headers().forEach((name, values) -> values.forEach(v ->
                    assertThat(v).doesNotContain("\r", "\n").doesNotStartWith(" ").doesNotEndWith(" ")));
        } catch (BadRequestException expected) {
            assertThat(expected.status()).isIn(400, 414, 431, 505);
        } catch (java.io.EOFException e) {
            // only empty lines, which a server skips while waiting for a request: the stream simply ended
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).matches("[\r\n]*");
        } catch (java.io.IOException e) {
            throw new AssertionError("not a bad request: " + e, e);
        }
    }
}
