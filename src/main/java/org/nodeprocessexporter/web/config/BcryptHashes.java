package org.nodeprocessexporter.web.config;

import java.util.regex.Pattern;

/** Shape check of a bcrypt hash at load time, so a typo fails start-up instead of every login. */
final class BcryptHashes {
    private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private BcryptHashes() {
    }

    static boolean isValid(String hash) {
        var m = HASH.matcher(hash);
        if (!m.matches()) {
            return false;
        }
        int cost = Integer.parseInt(m.group(1));
        return cost >= 4 && cost <= 31;
    }

    static int cost(String hash) {
        return Integer.parseInt(hash.substring(4, 6));
    }
}
