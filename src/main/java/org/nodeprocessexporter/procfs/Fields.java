package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whitespace splitting and number parsing for the line-oriented /proc tables, without regular
 * expressions: these run over every line of files read every scrape.
 */
public final class Fields {
    private Fields() {
    }

    /** The whitespace-separated fields of {@code line}, as Go's {@code strings.Fields}. */
    public static String[] split(String line) {
        List<String> out = new ArrayList<>(16);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    /** The lines of {@code text}, without the line terminators; a trailing newline adds no line. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                nl = n;
            }
            out.add(text.substring(start, nl));
            start = nl + 1;
        }
        return out;
    }

    /** A file holding one decimal number, such as {@code /proc/sys/fs/file-max}. */
    public static double readNumber(java.nio.file.Path file) throws IOException {
        return number(ProcFile.readString(file).trim(), file.toString());
    }

    /** A decimal number as Go's {@code strconv.ParseFloat} would take it; the error names the file. */
    public static double number(String value, String file) throws IOException {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IOException("invalid number " + value + " in " + file, e);
        }
    }
}
