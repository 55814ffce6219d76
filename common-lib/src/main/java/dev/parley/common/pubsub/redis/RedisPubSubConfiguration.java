package dev.parley.common.pubsub.redis;

import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Pub/sub and TTL keys in Redis, for gateways and services spread over several processes. */
@AutoConfiguration
@ConditionalOnProperty(name = "parley.pubsub.type", havingValue = "redis")
class RedisPubSubConfiguration {

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

    @Bean(destroyMethod = "close")
    PubSub redisPubSub(LettuceConnectionFactory connections, StringRedisTemplate redis, Environment env) {
        return new RedisPubSub(connections, redis, env.getProperty("parley.redis.prefix", "parley:"));
    }

    @Bean
    TtlKeys redisTtlKeys(StringRedisTemplate redis, Environment env) {
        return new RedisTtlKeys(redis, env.getProperty("parley.redis.prefix", "parley:"));
    }
}
