package dev.parley.common.pubsub.redis;

import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/** Expiring keys in Redis ({@code SET ... PX}); a lease is taken or renewed atomically by a script. */
public class RedisTtlKeys implements TtlKeys {

    private static final RedisScript<Long> ACQUIRE = new DefaultRedisScript<>("""
            local v = redis.call('GET', KEYS[1])
            if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
            if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;

    public RedisTtlKeys(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        redis.opsForValue().set(prefix + key, value, ttl);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis.opsForValue().get(prefix + key));
    }

    @Override
    public void delete(String key) {
        redis.delete(prefix + key);
    }

    @Override
    public boolean acquire(String key, String owner, Duration ttl) {
        Long result = redis.execute(ACQUIRE, List.of(prefix + key), owner, Long.toString(ttl.toMillis()));
        return result != null && result == 1L;
    }
}
