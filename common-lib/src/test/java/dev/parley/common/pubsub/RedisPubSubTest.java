package dev.parley.common.pubsub;

import dev.parley.common.pubsub.redis.RedisPubSub;
import dev.parley.common.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis adapter against the real Redis test server. */
class RedisPubSubTest extends PubSubContractTest {

    private static TestRedis redis;
    private static RedisPubSub pubSub;

    @BeforeAll
    static void connect() {
        redis = new TestRedis();
        pubSub = new RedisPubSub(redis.connections(), redis.redis(), redis.prefix());
    }

    @AfterAll
    static void disconnect() {
        pubSub.close();
        redis.close();
    }

    @Override
    protected PubSub pubSub() {
        return pubSub;
    }
}
