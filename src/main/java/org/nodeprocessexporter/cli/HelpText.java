package org.nodeprocessexporter.cli;

import java.util.Collection;

/** {@code --help}: every flag, kingpin-style, with its default. */
public final class HelpText {
    private HelpText() {
    }

    public static String render(String program, String description, Collection<Flag> flags) {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ").append(program).append(" [<flags>]\n\n").append(description).append("\n\nFlags:\n");
        line(sb, "  -h, --help", "Show context-sensitive help.");
        line(sb, "      --version", "Show application version.");
        for (Flag f : flags) {
            String left = "      --" + (f.kind() == Flag.Kind.BOOL ? "[no-]" : "") + f.name();
            if (f.kind() != Flag.Kind.BOOL) {
                left += "=" + (f.placeholder().isEmpty() ? "VALUE" : f.placeholder());
                if (f.kind() == Flag.Kind.STRINGS) {
                    left += " ...";
                }
            }
            String help = f.help();
            if (f.kind() != Flag.Kind.BOOL && !f.defaultValue().isEmpty()) {
                help += " (default: \"" + f.defaultValue() + "\")";
            }
            if (!f.aliases().isEmpty()) {
                help += " Deprecated names: --" + String.join(", --", f.aliases()) + ".";
            }
            line(sb, left, help);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String left, String help) {
        sb.append(left);
        if (left.length() < 40) {
            sb.append(" ".repeat(40 - left.length()));
        } else {
            sb.append("\n").append(" ".repeat(40));
        }
        sb.append(help).append('\n');
    }
}
