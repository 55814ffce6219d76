package dev.parley.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.ratelimit.redis.RedisRateLimiter;
import dev.parley.common.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis adapter against the real Redis test server; the other process has a connection of its own. */
class RedisRateLimiterTest extends RateLimiterContractTest {

    private static TestRedis redis;
    private static LettuceConnectionFactory otherConnection;
    private static RateLimiter limiter;
    private static RateLimiter other;

    @BeforeAll
    static void connect() {
        redis = new TestRedis();
        limiter = new RedisRateLimiter(redis.redis(), redis.prefix());
        otherConnection = new LettuceConnectionFactory(new RedisStandaloneConfiguration(TestRedis.HOST, TestRedis.PORT));
        otherConnection.afterPropertiesSet();
        otherConnection.start();
        other = new RedisRateLimiter(new StringRedisTemplate(otherConnection), redis.prefix());
    }

    @AfterAll
    static void disconnect() {
        otherConnection.destroy();
        redis.close();
    }

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    @Override
    protected RateLimiter anotherProcess() {
        return other;
    }

    @Test
    void keysLiveUnderTheDeploymentPrefixAndExpireWhenTheBucketIsFull() {
        limiter.tryAcquire("expiring", new Limit(60, 5));
        String stored = redis.prefix() + "ratelimit:expiring";
        assertThat(redis.redis().hasKey(stored)).isTrue();
        Long ttl = redis.redis().getExpire(stored, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(ttl).as("one call of a 1/s limit is refilled within a second").isBetween(1L, 1_001L);
    }

    @Test
    void callsGoAheadWhenRedisCannotBeReached() {
        LettuceConnectionFactory nowhere = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
        nowhere.afterPropertiesSet();
        nowhere.start();
        try {
            RateLimiter unreachable = new RedisRateLimiter(new StringRedisTemplate(nowhere), redis.prefix());
            Limit one = new Limit(1, 1);
            assertThat(unreachable.tryAcquire("k", one).allowed()).isTrue();
            assertThat(unreachable.tryAcquire("k", one).allowed()).isTrue();
        } finally {
            nowhere.destroy();
        }
    }
}
