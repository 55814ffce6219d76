package dev.parley.common.pubsub.redis;

import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Expiring keys in Redis ({@code SET ... PX}); a lease is taken or renewed atomically by a script, a get-and-set is
 * {@code SET ... GET}, a prefix listing is {@code SCAN MATCH} followed by {@code MGET}.
 */
public class RedisTtlKeys implements TtlKeys {

    private static final RedisScript<Long> ACQUIRE = new DefaultRedisScript<>("""
            local v = redis.call('GET', KEYS[1])
            if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
            if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
            return 0
            """, Long.class);

    private static final int BATCH = 1000;

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
    public Optional<String> getAndSet(String key, String value, Duration ttl) {
        return Optional.ofNullable(redis.opsForValue().setGet(prefix + key, value, ttl));
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        List<String> unique = keys.stream().distinct().toList();
        Map<String, String> values = new HashMap<>();
        for (int from = 0; from < unique.size(); from += BATCH) {
            List<String> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH));
            List<String> found = redis.opsForValue().multiGet(chunk.stream().map(k -> prefix + k).toList());
            for (int i = 0; found != null && i < chunk.size(); i++) {
                if (found.get(i) != null) {
                    values.put(chunk.get(i), found.get(i));
                }
            }
        }
        return values;
    }

    @Override
    public Map<String, String> scan(String keyPrefix) {
        List<String> keys = new ArrayList<>();
        ScanOptions match = ScanOptions.scanOptions().match(glob(prefix + keyPrefix) + "*").count(BATCH).build();
        try (Cursor<String> cursor = redis.scan(match)) {
            cursor.forEachRemaining(key -> keys.add(key.substring(prefix.length())));
        }
        // A key that expires between SCAN and MGET is left out, as if it had expired before.
        return getAll(keys);
    }

    /** The text with Redis glob characters escaped, so it matches only itself. */
    private static String glob(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    @Override
    public boolean acquire(String key, String owner, Duration ttl) {
        Long result = redis.execute(ACQUIRE, List.of(prefix + key), owner, Long.toString(ttl.toMillis()));
        return result != null && result == 1L;
    }
}
