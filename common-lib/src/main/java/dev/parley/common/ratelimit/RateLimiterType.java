package dev.parley.common.ratelimit;

import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * Where rate limits are counted, chosen by {@code parley.ratelimit.type}. Unset, it follows {@code parley.pubsub.type}:
 * a deployment that shares pub/sub through Redis runs several processes, whose limits must be counted together.
 */
public enum RateLimiterType {
    INPROCESS, REDIS;

    public static final String PROPERTY = "parley.ratelimit.type";
    public static final List<String> CHOICES = List.of("inprocess", "redis");

    public static RateLimiterType of(Environment env) {
        String chosen = env.getProperty(PROPERTY);
        if (chosen == null || chosen.isBlank()) {
            chosen = "redis".equals(env.getProperty("parley.pubsub.type")) ? "redis" : "inprocess";
        }
        if (!CHOICES.contains(chosen)) {
            throw new IllegalStateException(PROPERTY + "=" + chosen + " is not an adapter Parley has; choose one of "
                    + CHOICES);
        }
        return valueOf(chosen.toUpperCase(Locale.ROOT));
    }
}
