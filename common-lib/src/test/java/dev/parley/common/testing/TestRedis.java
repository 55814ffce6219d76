package dev.parley.common.testing;

import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A connection to the Redis test server ({@code parley.test.redis.host}/{@code port}, default 127.0.0.1:6379) with a
 * key prefix of its own, whose keys are deleted on close.
 */
public final class TestRedis implements AutoCloseable {

    public static final String HOST = System.getProperty("parley.test.redis.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("parley.test.redis.port", 6379);

    private final LettuceConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final String prefix = "parley-test-" + UUID.randomUUID() + ":";

    public TestRedis() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, PORT));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        try {
            redis.execute((org.springframework.data.redis.core.RedisCallback<String>) c -> c.ping());
        } catch (RuntimeException e) {
            connections.destroy();
            throw new IllegalStateException("The Redis test server at " + HOST + ":" + PORT
                    + " is not reachable (start it, or set parley.test.redis.host/port): " + e.getMessage(), e);
        }
    }

    public LettuceConnectionFactory connections() {
        return connections;
    }

    public StringRedisTemplate redis() {
        return redis;
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public void close() {
        try (var keys = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            keys.forEachRemaining(redis::delete);
        }
        connections.destroy();
    }
}
