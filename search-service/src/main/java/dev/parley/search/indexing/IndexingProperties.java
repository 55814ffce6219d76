package dev.parley.search.indexing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The indexing pipeline's settings ({@code parley.search.indexing.*}).
 *
 * @param batchSize         the most events applied in one index commit
 * @param linger            how long a batch waits for more events after its first before it is applied: fewer,
 *                          larger index commits under load, at the cost of up to this much more index lag; zero
 *                          applies at once whatever is queued
 * @param queueCapacity     events received but not yet indexed before the event log's delivery waits
 * @param reconcileInterval how often the reconcile sweep compares every channel's head with its checkpoint (it also
 *                          runs at start); zero for only at start
 * @param retryInitial      the first wait after a failed batch (index or store unavailable); doubles up to
 *                          {@code retryMax}
 * @param retryMax          the longest wait between retries of a failed batch
 * @param lagWindow         how long a window of the lag histogram lasts (the numbers cover the last one or two)
 */
@ConfigurationProperties("parley.search.indexing")
public record IndexingProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("50ms") Duration linger,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("5m") Duration reconcileInterval,
        @DefaultValue("100ms") Duration retryInitial,
        @DefaultValue("30s") Duration retryMax,
        @DefaultValue("60s") Duration lagWindow) {

    public IndexingProperties {
        if (batchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("parley.search.indexing.batch-size and queue-capacity must be positive");
        }
        if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("parley.search.indexing.linger must be between 0 and 1s, not " + linger);
        }
    }

    /** The defaults, for tests and tools that build the pipeline by hand. */
    public static IndexingProperties defaults() {
        return new IndexingProperties(500, Duration.ofMillis(50), 10_000, Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }
}
