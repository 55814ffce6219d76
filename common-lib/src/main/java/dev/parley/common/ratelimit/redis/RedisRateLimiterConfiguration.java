package dev.parley.common.ratelimit.redis;

import dev.parley.common.ratelimit.ConditionalOnRateLimiter;
import dev.parley.common.ratelimit.RateLimiter;
import dev.parley.common.ratelimit.RateLimiterType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Rate limits counted in Redis, so every process of a distributed deployment enforces the same ones. */
@AutoConfiguration
@ConditionalOnRateLimiter(RateLimiterType.REDIS)
class RedisRateLimiterConfiguration {

    @Bean
    RateLimiter redisRateLimiter(StringRedisTemplate parleyRedisTemplate, Environment env) {
        return new RedisRateLimiter(parleyRedisTemplate, env.getProperty("parley.redis.prefix", "parley:"));
    }
}
