package dev.parley.gateway.testing;

import dev.parley.gateway.GatewayProperties;
import java.time.Duration;
import java.util.List;

/** {@link GatewayProperties} for a test: the defaults, with the few values a test cares about changed. */
public final class TestSettings {

    private List<String> allowedOrigins;
    private Integer maxFrameBytes;
    private Duration pingInterval;
    private Duration idleTimeout;
    private Integer frameRate = 1000;
    private Integer frameBurst = 1000;
    private Long maxQueuedBytes;
    private Duration syncInterval;
    private Duration typingInterval;
    private Duration shutdownGrace = Duration.ofMillis(500);
    private Integer workerThreads = 2;

    public static TestSettings defaults() {
        return new TestSettings();
    }

    public TestSettings allowedOrigins(String... patterns) {
        allowedOrigins = List.of(patterns);
        return this;
    }

    public TestSettings maxFrameBytes(int bytes) {
        maxFrameBytes = bytes;
        return this;
    }

    public TestSettings pingInterval(Duration value) {
        pingInterval = value;
        return this;
    }

    public TestSettings idleTimeout(Duration value) {
        idleTimeout = value;
        return this;
    }

    public TestSettings rateLimit(int perSecond, int burst) {
        frameRate = perSecond;
        frameBurst = burst;
        return this;
    }

    public TestSettings maxQueuedBytes(long bytes) {
        maxQueuedBytes = bytes;
        return this;
    }

    public TestSettings typingInterval(Duration value) {
        typingInterval = value;
        return this;
    }

    public GatewayProperties build() {
        return new GatewayProperties(allowedOrigins, maxFrameBytes, pingInterval, idleTimeout, frameRate, frameBurst,
                maxQueuedBytes, syncInterval, typingInterval, shutdownGrace, workerThreads);
    }
}
