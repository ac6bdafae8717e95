package org.nodeprocessexporter.collector.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * process-exporter's naming by flags, {@code -procnames} and {@code -namemapping}, as its 0.8
 * release has it: a process whose comm is in {@code procnames} is the group of that comm; a comm
 * in {@code namemapping} ({@code comm,regexp,comm,regexp...}) is named {@code comm:capture} after
 * the first non-empty capture of its regexp in the arguments joined by spaces, and is not exported
 * when the regexp captures nothing, even if {@code procnames} lists the comm too. Everything
 * else is not exported.
 */
final class ProcnamesNaming implements NamingRules {
    /** comm to its regexp; null for a comm of {@code procnames} alone. */
    private final Map<String, Pattern> byComm;

    private ProcnamesNaming(Map<String, Pattern> byComm) {
        this.byComm = byComm;
    }

    /**
     * Builds the naming from the two flags' values.
     *
     * @throws IllegalArgumentException naming what is wrong in {@code namemapping}
     */
    static ProcnamesNaming of(String procnames, String namemapping) {
        Map<String, Pattern> byComm = new HashMap<>();
        if (!namemapping.isEmpty()) {
            String[] tokens = namemapping.split(",", -1);
            if (tokens.length % 2 == 1) {
                throw new IllegalArgumentException("bad namemapping: odd number of tokens");
            }
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i].isEmpty()) {
                    throw new IllegalArgumentException("bad namemapping: token " + i + " is empty");
                }
            }
            for (int i = 0; i < tokens.length; i += 2) {
                try {
                    byComm.put(tokens[i], NamingConfig.goRegexp(tokens[i + 1], new ArrayList<>()));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("error compiling regexp '" + tokens[i + 1] + "': "
                            + e.getDescription());
                }
            }
        }
        for (String comm : procnames.split(",")) {
            if (!comm.isEmpty()) {
                byComm.putIfAbsent(comm, null);
            }
        }
        return new ProcnamesNaming(byComm);
    }

    @Override
    public Named match(ProcessAttributes p) {
        if (!byComm.containsKey(p.comm())) {
            return null;
        }
        Pattern regexp = byComm.get(p.comm());
        if (regexp == null) {
            return new Named(p.comm(), false);
        }
        Matcher m = regexp.matcher(String.join(" ", p.cmdline()));
        if (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                String capture = m.group(g);
                if (capture != null && !capture.isEmpty()) {
                    return new Named(p.comm() + ":" + capture, false);
                }
            }
        }
        return null;
    }

    @Override
    public boolean needsCgroups() {
        return false;
    }

    @Override
    public List<String> declaredGroups() {
        return List.of();
    }
}
