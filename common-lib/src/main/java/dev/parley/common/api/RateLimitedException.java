package dev.parley.common.api;

/** Slack's {@code ratelimited}: answered with HTTP 429 and a {@code Retry-After} of this many seconds. */
public class RateLimitedException extends SlackApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super("ratelimited");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
