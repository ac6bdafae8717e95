package org.nodeprocessexporter.collector.process;

/** Sizes in flags: {@code 4GiB}, {@code 512MiB}, {@code 1.5G}, {@code 1048576}; powers of 1024. */
final class ByteSize {
    private ByteSize() {
    }

    static long parse(String text) {
        String s = text.strip();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("expected a size such as 4GiB");
        }
        double number = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).strip();
        long factor = switch (unit) {
            case "", "B" -> 1L;
            case "K", "KB", "KiB", "k", "kB" -> 1L << 10;
            case "M", "MB", "MiB" -> 1L << 20;
            case "G", "GB", "GiB" -> 1L << 30;
            case "T", "TB", "TiB" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown unit \"" + unit + "\" (use B, KiB, MiB, GiB or TiB)");
        };
        return (long) (number * factor);
    }
}
