package dev.parley.common.pubsub.redis;

import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Pub/sub and TTL keys in Redis, for gateways and services spread over several processes; the connection is the
 * process's shared one ({@code dev.parley.common.redis}).
 */
@AutoConfiguration
@ConditionalOnProperty(name = "parley.pubsub.type", havingValue = "redis")
class RedisPubSubConfiguration {

    @Bean(destroyMethod = "close")
    PubSub redisPubSub(LettuceConnectionFactory connections, StringRedisTemplate redis, Environment env) {
        return new RedisPubSub(connections, redis, env.getProperty("parley.redis.prefix", "parley:"));
    }

    @Bean
    TtlKeys redisTtlKeys(StringRedisTemplate redis, Environment env) {
        return new RedisTtlKeys(redis, env.getProperty("parley.redis.prefix", "parley:"));
    }
}
