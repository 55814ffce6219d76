package dev.parley.common.pubsub;

import dev.parley.common.pubsub.redis.RedisTtlKeys;
import dev.parley.common.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis adapter against the real Redis test server. */
class RedisTtlKeysTest extends TtlKeysContractTest {

    private static TestRedis redis;
    private static TtlKeys keys;

    @BeforeAll
    static void connect() {
        redis = new TestRedis();
        keys = new RedisTtlKeys(redis.redis(), redis.prefix());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    protected TtlKeys keys() {
        return keys;
    }
}
