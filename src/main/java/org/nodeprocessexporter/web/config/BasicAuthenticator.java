package org.nodeprocessexporter.web.config;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks HTTP Basic credentials against bcrypt hashes.
 *
 * <ul>
 * <li>An unknown user is checked against a dummy hash of the same cost, so its answer takes as
 *     long as a wrong password and does not reveal which users exist.</li>
 * <li>Successes are cached by user, hash and SHA-256 of the password, so a scrape every 15 s
 *     does not pay ~80 ms of bcrypt each time; a changed hash misses the cache. Failures are
 *     never cached.</li>
 * <li>At most {@code maxConcurrent} bcrypt runs at a time; a request that waits longer than
 *     {@code maxWait} for its turn is answered BUSY, so a flood of bad passwords costs at most
 *     that many cores.</li>
 * </ul>
 */
final class BasicAuthenticator {
    enum Outcome { ALLOWED, DENIED, BUSY }

    private static final int CACHE_LIMIT = 1024;
    private static final Map<Integer, String> DUMMY_HASHES = new ConcurrentHashMap<>();
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A)); // Go ignores bytes past 72 too

    private final Semaphore bcryptSlots;
    private final Duration maxWait;
    private final Map<String, Boolean> successes = new ConcurrentHashMap<>();
    private final AtomicLong bcryptRuns = new AtomicLong();
    private final AtomicLong dummyRuns = new AtomicLong();

    BasicAuthenticator(int maxConcurrent, Duration maxWait) {
        this.bcryptSlots = new Semaphore(maxConcurrent, true);
        this.maxWait = maxWait;
    }

    /** A hash of a random password at {@code cost}; made once per cost, at load time. */
    static String dummyHash(int cost) {
        return DUMMY_HASHES.computeIfAbsent(cost, c -> {
            byte[] password = new byte[16];
            new SecureRandom().nextBytes(password);
            return BCrypt.withDefaults().hashToString(c, HexFormat.of().formatHex(password).toCharArray());
        });
    }

    /**
     * @param users         user to bcrypt hash; must not be empty
     * @param dummyHash     hash to verify unknown users against
     * @param authorization the Authorization request header, or null
     */
    Outcome check(Map<String, String> users, String dummyHash, String authorization) throws InterruptedException {
        String[] credentials = parse(authorization);
        if (credentials == null) {
            return Outcome.DENIED;
        }
        String user = credentials[0];
        String password = credentials[1];
        String hash = users.get(user);
        boolean known = hash != null;
        if (!known) {
            hash = dummyHash;
        }
        String key = user + '\0' + hash + '\0' + sha256(password);
        if (known && successes.containsKey(key)) {
            return Outcome.ALLOWED;
        }
        if (!bcryptSlots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            return Outcome.BUSY;
        }
        boolean verified;
        try {
            bcryptRuns.incrementAndGet();
            if (!known) {
                dummyRuns.incrementAndGet();
            }
            verified = VERIFYER.verify(password.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.US_ASCII)).verified;
        } finally {
            bcryptSlots.release();
        }
        if (!(known && verified)) {
            return Outcome.DENIED;
        }
        if (successes.size() >= CACHE_LIMIT) {
            successes.clear(); // crude, but bounded; a handful of real users refill it at once
        }
        successes.put(key, Boolean.TRUE);
        return Outcome.ALLOWED;
    }

    /** @return {user, password}, or null when the header is not valid Basic credentials */
    private static String[] parse(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        return colon < 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
    }

    private static String sha256(String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** bcrypt verifications run so far (cache hits excluded); for tests and metrics. */
    long bcryptRuns() {
        return bcryptRuns.get();
    }

    /** Of those, the ones against the dummy hash for an unknown user. */
    long dummyRuns() {
        return dummyRuns.get();
    }
}
