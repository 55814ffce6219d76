package dev.parley.common.redis;

import dev.parley.common.ratelimit.RateLimiterType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The process's one Redis connection ({@code parley.redis.*}), made when an adapter in use keeps its data in Redis:
 * pub/sub and TTL keys, or rate limits.
 */
@AutoConfiguration
@Conditional(RedisConnectionConfiguration.RedisInUse.class)
class RedisConnectionConfiguration {

    @Bean
    LettuceConnectionFactory parleyRedisConnectionFactory(Environment env) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(
                env.getProperty("parley.redis.host", "127.0.0.1"), env.getProperty("parley.redis.port", Integer.class, 6379));
        String password = env.getProperty("parley.redis.password", "");
        if (!password.isBlank()) {
            server.setPassword(password);
        }
        server.setDatabase(env.getProperty("parley.redis.database", Integer.class, 0));
        return new LettuceConnectionFactory(server);
    }

    @Bean
    StringRedisTemplate parleyRedisTemplate(LettuceConnectionFactory connections) {
        return new StringRedisTemplate(connections);
    }

    static class RedisInUse implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            return "redis".equals(env.getProperty("parley.pubsub.type")) || RateLimiterType.of(env) == RateLimiterType.REDIS;
        }
    }
}
