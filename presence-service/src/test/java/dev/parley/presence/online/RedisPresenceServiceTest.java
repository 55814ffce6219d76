package dev.parley.presence.online;

import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.common.pubsub.redis.RedisPubSub;
import dev.parley.common.pubsub.redis.RedisTtlKeys;
import dev.parley.common.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Presence across processes: TTL keys and pub/sub in the real Redis test server. */
class RedisPresenceServiceTest extends PresenceServiceTest {

    private TestRedis redis;
    private TtlKeys keys;
    private RedisPubSub pubSub;

    @BeforeEach
    @Override
    void open() {
        redis = new TestRedis();
        keys = new RedisTtlKeys(redis.redis(), redis.prefix());
        pubSub = new RedisPubSub(redis.connections(), redis.redis(), redis.prefix());
        super.open();
    }

    @AfterEach
    @Override
    void close() {
        super.close();
        pubSub.close();
        redis.close();
    }

    @Override
    protected TtlKeys keys() {
        return keys;
    }

    @Override
    protected PubSub pubSub() {
        return pubSub;
    }
}
