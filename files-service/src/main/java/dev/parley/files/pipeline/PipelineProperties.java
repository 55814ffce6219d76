package dev.parley.files.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The processing pipeline ({@code parley.files.pipeline.*}): how often the worker looks for due jobs when nobody wakes
 * it, how many times a failing job is tried (then the file is marked {@code error}), the backoff between tries
 * (doubling from {@code retry-initial} up to {@code retry-max}) and how many leading bytes of an upload are checked at completion (its type and, for an image, its declared size).
 */
@ConfigurationProperties("parley.files.pipeline")
public record PipelineProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration retryInitial,
        @DefaultValue("10m") Duration retryMax,
        @DefaultValue("4MB") DataSize checkBytes) {

    /** The delay before try number {@code attempts + 1}. */
    public Duration backoff(int attempts) {
        long millis = retryInitial.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, retryMax.toMillis()));
    }
}
