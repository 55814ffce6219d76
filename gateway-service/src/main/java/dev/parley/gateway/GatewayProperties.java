package dev.parley.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The socket edge's settings ({@code parley.gateway.*}); a value that does not parse stops start-up.
 *
 * @param allowedOrigins  Origin patterns a browser may open {@code /rtm} from ({@code *} wildcards); clients that send
 *                        no Origin (bots, SDKs) are not browsers and are let in
 * @param maxFrameBytes   the largest client frame, after joining fragments; a larger one closes the socket (1009)
 * @param pingInterval    a socket silent this long is pinged
 * @param idleTimeout     a socket silent this long (no frame, no pong) is closed
 * @param frameRate       client frames per second a socket may send on average
 * @param frameBurst      client frames a socket may send at once
 * @param maxQueuedBytes  bytes waiting to be written to one socket before it counts as too slow and is closed
 * @param syncInterval    how often the gateway compares its channels with the store to find events pub/sub lost
 * @param typingInterval  the least time between two {@code typing} frames of one socket for one channel
 * @param shutdownGrace   how long a stopping gateway waits for its sockets to close after telling them to go
 * @param workerThreads   Netty event-loop threads (0 = one per core)
 */
@Validated
@ConfigurationProperties("parley.gateway")
public record GatewayProperties(
        List<String> allowedOrigins,
        Integer maxFrameBytes,
        Duration pingInterval,
        Duration idleTimeout,
        Integer frameRate,
        Integer frameBurst,
        Long maxQueuedBytes,
        Duration syncInterval,
        Duration typingInterval,
        Duration shutdownGrace,
        Integer workerThreads) {

    public GatewayProperties {
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
        maxFrameBytes = positive(maxFrameBytes, 256 * 1024, "max-frame-bytes");
        pingInterval = positive(pingInterval, Duration.ofSeconds(30), "ping-interval");
        idleTimeout = positive(idleTimeout, Duration.ofSeconds(90), "idle-timeout");
        frameRate = positive(frameRate, 20, "frame-rate");
        frameBurst = positive(frameBurst, 60, "frame-burst");
        maxQueuedBytes = maxQueuedBytes == null ? 4L * 1024 * 1024 : maxQueuedBytes;
        if (maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("parley.gateway.max-queued-bytes must be positive");
        }
        syncInterval = positive(syncInterval, Duration.ofSeconds(5), "sync-interval");
        typingInterval = typingInterval == null ? Duration.ofSeconds(3) : typingInterval;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(5) : shutdownGrace;
        workerThreads = workerThreads == null || workerThreads <= 0 ? Runtime.getRuntime().availableProcessors() : workerThreads;
    }

    private static Integer positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("parley.gateway." + name + " must be positive, not " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("parley.gateway." + name + " must be positive, not " + value);
        }
        return value;
    }
}
