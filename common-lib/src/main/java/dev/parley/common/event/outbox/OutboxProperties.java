package dev.parley.common.event.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the outbox keeps events ({@code parley.outbox.*}): published events older than {@code retention} are
 * purged, looked for every {@code purge-interval}. A reader resuming from before what is kept must resync.
 */
@ConfigurationProperties("parley.outbox")
public record OutboxProperties(
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1m") Duration purgeInterval) {

    public OutboxProperties {
        requirePositive("parley.outbox.retention", retention);
        requirePositive("parley.outbox.purge-interval", purgeInterval);
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, e.g. 7d, but is " + value);
        }
    }
}
