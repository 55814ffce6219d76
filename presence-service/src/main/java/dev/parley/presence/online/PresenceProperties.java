package dev.parley.presence.online;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How presence is computed ({@code parley.presence.*}): a user is away {@code away-after} their latest activity, and
 * offline {@code offline-after} their gateways' last heartbeat; the sweep looks for such changes every
 * {@code sweep-interval}.
 */
@ConfigurationProperties("parley.presence")
public record PresenceProperties(
        @DefaultValue("5m") Duration awayAfter,
        @DefaultValue("60s") Duration offlineAfter,
        @DefaultValue("5s") Duration sweepInterval) {

    public PresenceProperties {
        requirePositive("parley.presence.away-after", awayAfter);
        requirePositive("parley.presence.offline-after", offlineAfter);
        requirePositive("parley.presence.sweep-interval", sweepInterval);
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, e.g. 60s, but is " + value);
        }
    }
}
