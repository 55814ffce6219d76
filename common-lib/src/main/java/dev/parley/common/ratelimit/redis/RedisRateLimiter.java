package dev.parley.common.ratelimit.redis;

import dev.parley.common.ratelimit.Decision;
import dev.parley.common.ratelimit.Limit;
import dev.parley.common.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * GCRA buckets in Redis, one key each under {@code <prefix>ratelimit:}, shared by every process of a deployment. One
 * script reads Redis's own clock, decides and writes, so processes with skewed clocks or racing callers still count
 * together; each key expires once its bucket is full again. When Redis cannot be reached, calls go ahead (with a
 * warning): limits protect the service, and refusing everything would be the outage they guard against. A call
 * waits for Redis at most {@link #ANSWER_WITHIN}, so a Redis that is down never holds up posting (the client would
 * otherwise wait for the connection's command timeout); after a miss, Redis is left alone for {@link #BACK_OFF}.
 */
public class RedisRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    // Times in microseconds; Lua numbers are doubles, exact for integers up to 2^53 (about 285 years of them).
    // Returns 0 when allowed, else the microseconds to wait.
    private static final RedisScript<Long> ACQUIRE = new DefaultRedisScript<>("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local tolerance = interval * tonumber(ARGV[2])
            local arrival = tonumber(redis.call('GET', KEYS[1]))
            if arrival == nil or arrival < now then arrival = now end
            local due = arrival + interval
            local wait = due - tolerance - now
            if wait > 0 then return math.ceil(wait) end
            redis.call('SET', KEYS[1], string.format('%.17g', due), 'PX', math.ceil((due - now) / 1000) + 1)
            return 0
            """, Long.class);

    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    static final Duration ANSWER_WITHIN = Duration.ofMillis(250);
    static final Duration BACK_OFF = Duration.ofSeconds(2);

    private final java.util.concurrent.ExecutorService calls = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ratelimit-redis-", 0).factory());
    private volatile long unreachableUntil = System.nanoTime();

    private final StringRedisTemplate redis;
    private final String prefix;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public RedisRateLimiter(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix + "ratelimit:";
    }

    @Override
    public Decision tryAcquire(String key, Limit limit) {
        if (System.nanoTime() - unreachableUntil < 0) {
            return Decision.ALLOWED;
        }
        String interval = Double.toString(limit.intervalNanos() / 1000.0);
        java.util.concurrent.Future<Long> answer = calls.submit(
                () -> redis.execute(ACQUIRE, List.of(prefix + key), interval, Long.toString(limit.burst())));
        Long wait;
        try {
            wait = answer.get(ANSWER_WITHIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.ALLOWED;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            unreachableUntil = System.nanoTime() + BACK_OFF.toNanos();
            warn(e);
            return Decision.ALLOWED;
        }
        return wait == null || wait <= 0 ? Decision.ALLOWED : Decision.waitFor(Duration.ofNanos(wait * 1000));
    }

    private void warn(Exception e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits are not enforced while Redis cannot be reached: {}", e.toString());
        }
    }
}
