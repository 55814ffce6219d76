package dev.parley.common.ratelimit;

import java.time.Duration;

/** A limiter's answer: the call may go ahead, or it may after {@code retryAfter}. */
public record Decision(boolean allowed, Duration retryAfter) {

    public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

    public static Decision waitFor(Duration retryAfter) {
        return new Decision(false, retryAfter);
    }

    /** The wait in whole seconds, rounded up and at least one: what {@code Retry-After} says. */
    public long retryAfterSeconds() {
        long nanos = retryAfter.toNanos();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
