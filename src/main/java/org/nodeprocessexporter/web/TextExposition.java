package org.nodeprocessexporter.web;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nodeprocessexporter.collector.ExposedFamily;
import org.nodeprocessexporter.collector.LabelValue;
import org.nodeprocessexporter.collector.SampleWriter;
import org.nodeprocessexporter.collector.StreamedFamily;

/**
 * Writes a scrape's families in the Prometheus text format 0.0.4 or OpenMetrics text 1.0: the
 * client's snapshots through the client's writer, one family at a time, and
 * {@link StreamedFamily streamed families} directly as bytes, byte for byte as the client's writer
 * would write them (a test holds the two together). One instance per response; not thread-safe.
 */
final class TextExposition implements SampleWriter {
    private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final ExpositionFormatWriter clientWriter;
    private final boolean openMetrics;
    private final Buffer single = new Buffer();
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private StreamedFamily current;
    private byte[] sampleName;
    private byte[][] labelPrefixes;

    TextExposition(OutputStream out, ExpositionFormatWriter clientWriter, boolean openMetrics) {
        this.out = out;
        this.clientWriter = clientWriter;
        this.openMetrics = openMetrics;
    }

    /**
     * Writes the families in the order given, then OpenMetrics' {@code # EOF}. Consecutive client
     * snapshots go to the client's writer in one call: each call costs it ~24 KiB of fresh
     * buffers, which per family was ~7 MiB of garbage per scrape.
     */
    void write(Iterable<ExposedFamily> families) throws IOException {
        List<MetricSnapshot> batch = new ArrayList<>();
        for (ExposedFamily f : families) {
            if (f instanceof StreamedFamily s) {
                writeBuilt(batch);
                writeStreamed(s);
            } else {
                batch.add(((ExposedFamily.Built) f).snapshot());
            }
        }
        writeBuilt(batch);
        if (openMetrics) {
            put(EOF);
        }
        flush();
    }

    /** The batch through the client's writer (without its {@code # EOF}); empties the batch. */
    private void writeBuilt(List<MetricSnapshot> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        single.reset();
        clientWriter.write(single, new MetricSnapshots(batch));
        batch.clear();
        int len = single.size();
        if (openMetrics && single.endsWith(EOF)) {
            len -= EOF.length;
        }
        flush();
        out.write(single.bytes(), 0, len);
    }

    /** A byte array stream whose content can be written on without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(16 * 1024);
        }

        byte[] bytes() {
            return buf;
        }

        boolean endsWith(byte[] suffix) {
            return count >= suffix.length && Arrays.equals(buf, count - suffix.length, count, suffix, 0, suffix.length);
        }
    }

    private void writeStreamed(StreamedFamily f) throws IOException {
        current = f;
        Header h = header(f);
        sampleName = h.sampleNameBytes;
        labelPrefixes = h.labelPrefixes;
        put(h.bytes);
        f.writeSamples(this);
        current = null;
    }

    /**
     * The bytes a family starts with (HELP and TYPE lines), its sample name and label prefixes:
     * built once per family and format, as they are the same every scrape; checked against the
     * family each time, so a family whose help or labels change is built again.
     */
    private record Header(String help, org.nodeprocessexporter.collector.MetricFamily.Type type, boolean openMetrics, String sampleName,
                          String[] labelNames, byte[] bytes, byte[] sampleNameBytes, byte[][] labelPrefixes) {
        boolean describes(StreamedFamily f, boolean om) {
            if (om != openMetrics || f.type() != type || !f.sampleName().equals(sampleName)
                    || !java.util.Objects.equals(f.help(), help) || f.labelCount() != labelNames.length) {
                return false;
            }
            for (int i = 0; i < labelNames.length; i++) {
                if (!f.labelName(i).equals(labelNames[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** More families than any exporter run has; past it (a runaway textfile), headers are built every time. */
    private static final int MAX_HEADERS = 8192;
    private static final java.util.Map<String, Header> HEADERS = new java.util.concurrent.ConcurrentHashMap<>();

    private Header header(StreamedFamily f) {
        String key = openMetrics ? "om:" + f.name() : f.name();
        Header h = HEADERS.get(key);
        if (h != null && h.describes(f, openMetrics)) {
            return h;
        }
        String[] labelNames = new String[f.labelCount()];
        byte[][] prefixes = new byte[labelNames.length][];
        for (int i = 0; i < labelNames.length; i++) {
            labelNames[i] = f.labelName(i);
            prefixes[i] = ascii((i == 0 ? "{" : ",") + labelNames[i] + "=\"");
        }
        String typeName = switch (f.type()) {
            case COUNTER -> "counter";
            case GAUGE -> "gauge";
            case UNTYPED -> openMetrics ? "unknown" : "untyped";
            case UNSUFFIXED_COUNTER -> openMetrics ? "unknown" : "counter";
        };
        boolean help = f.help() != null && !f.help().isEmpty(); // the client leaves out an empty help
        StringBuilder b = new StringBuilder(128);
        if (openMetrics) {
            b.append("# TYPE ").append(f.name()).append(' ').append(typeName).append('\n');
            if (help) {
                b.append("# HELP ").append(f.name()).append(' ');
                escapeHelp(b, f.help(), true);
                b.append('\n');
            }
        } else {
            if (help) {
                b.append("# HELP ").append(f.sampleName()).append(' ');
                escapeHelp(b, f.help(), false);
                b.append('\n');
            }
            b.append("# TYPE ").append(f.sampleName()).append(' ').append(typeName).append('\n');
        }
        h = new Header(f.help(), f.type(), openMetrics, f.sampleName(), labelNames, ascii(b.toString()),
                ascii(f.sampleName()), prefixes);
        if (HEADERS.size() < MAX_HEADERS) {
            HEADERS.put(key, h);
        }
        return h;
    }

    @Override
    public void sample(double value, LabelValue first, CharSequence... rest) throws IOException {
        expectLabels(rest.length + 1);
        put(sampleName);
        put(labelPrefixes[0]);
        put(first.escapedBytes());
        put((byte) '"');
        endSample(value, rest, 1);
    }

    @Override
    public void sample(double value, String... values) throws IOException {
        expectLabels(values.length);
        put(sampleName);
        endSample(value, values, 0);
    }

    private void expectLabels(int n) {
        if (n != labelPrefixes.length) {
            throw new IllegalArgumentException(current.sampleName() + ": expected " + labelPrefixes.length
                    + " label values, got " + n);
        }
    }

    /** The labels from index {@code first} on ({@code values} holds them from 0), then the value. */
    private void endSample(double value, CharSequence[] values, int first) throws IOException {
        for (int i = 0; i < values.length; i++) {
            put(labelPrefixes[first + i]);
            putLabelValue(values[i]);
            put((byte) '"');
        }
        if (labelPrefixes.length > 0) {
            put((byte) '}');
        }
        put((byte) ' ');
        putDouble(value);
        put((byte) '\n');
    }

    /** As the client writes a double: {@code Double.toString}, with {@code +Inf}/{@code -Inf}. */
    private void putDouble(double v) throws IOException {
        if (v == Double.POSITIVE_INFINITY) {
            putAscii("+Inf");
        } else if (v == Double.NEGATIVE_INFINITY) {
            putAscii("-Inf");
        } else if (v > -1e7 && v < 1e7 && v == (long) v && (v != 0 || Double.doubleToRawLongBits(v) == 0)) {
            // what Double.toString gives for these ("123.0"), without the garbage
            long l = (long) v;
            if (l < 0) {
                put((byte) '-');
                l = -l;
            }
            putLong(l);
            put((byte) '.');
            put((byte) '0');
        } else {
            putAscii(Double.toString(v));
        }
    }

    private void putLong(long l) throws IOException {
        if (pos + 20 > buf.length) {
            flush();
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + l % 10);
            l /= 10;
        } while (l > 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    private void putLabelValue(CharSequence s) throws IOException {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                put(LabelValue.escape(s.subSequence(i, n).toString()));
                return;
            }
            switch (c) {
                case '\\' -> {
                    put((byte) '\\');
                    put((byte) '\\');
                }
                case '"' -> {
                    put((byte) '\\');
                    put((byte) '"');
                }
                case '\n' -> {
                    put((byte) '\\');
                    put((byte) 'n');
                }
                default -> put((byte) c);
            }
        }
    }

    /** Help text: text 0.0.4 escapes backslash and newline, OpenMetrics also the double quote. */
    private static void escapeHelp(StringBuilder b, String s, boolean escapeQuote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '"' -> b.append(escapeQuote ? "\\\"" : "\"");
                default -> b.append(c);
            }
        }
    }

    private void putAscii(String s) throws IOException {
        put(ascii(s));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void put(byte b) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = b;
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buf.length - pos) {
            flush();
            if (bytes.length > buf.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
