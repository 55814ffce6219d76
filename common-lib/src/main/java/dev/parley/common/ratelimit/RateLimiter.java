package dev.parley.common.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts calls against limits: one generic cell rate (GCRA) bucket per key, shared by every process that uses the
 * same store. Each acquire is atomic, so concurrent callers never both take the last allowance.
 */
public interface RateLimiter {

    /** Takes one call from the key's allowance under the limit: allowed, or how long until a call would be. */
    Decision tryAcquire(String key, Limit limit);

    /**
     * A key part made from client input: kept as is when short and plain, else replaced by its hash, so a client
     * cannot make keys of any size.
     */
    static String part(String value) {
        if (value == null) {
            return "";
        }
        if (value.length() <= 80 && value.chars().allMatch(c -> c > ' ' && c < 127)) {
            return value;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
