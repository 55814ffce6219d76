package dev.parley.common.ratelimit;

/**
 * A rate with bursts: on average {@code perMinute} calls a minute, of which up to {@code burst} may come at once after
 * a quiet spell. A key that was idle long enough starts with its whole burst.
 */
public record Limit(long perMinute, long burst) {

    /** Bounds that keep every interval at least a microsecond and every sum far from overflowing. */
    static final long MAX_PER_MINUTE = 60_000_000L;
    static final long MAX_BURST = 1_000_000L;

    public Limit {
        if (perMinute < 1 || perMinute > MAX_PER_MINUTE) {
            throw new IllegalArgumentException("a rate limit's per-minute must be between 1 and " + MAX_PER_MINUTE
                    + ", not " + perMinute);
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("a rate limit's burst must be between 1 and " + MAX_BURST + ", not " + burst);
        }
    }

    /** The time one call uses up: a minute over the rate. */
    public long intervalNanos() {
        return 60_000_000_000L / perMinute;
    }

    @Override
    public String toString() {
        return perMinute + "/min (burst " + burst + ")";
    }
}
