package dev.parley.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.api.ApiRateLimits;
import dev.parley.common.ratelimit.inprocess.InProcessRateLimiter;
import dev.parley.common.ratelimit.redis.RedisRateLimiter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** One property chooses the limiter, following pub/sub when unset; limits bind from {@code parley.ratelimit.*}. */
class RateLimitConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    type("dev.parley.common.config.ParleyConfigValidator"),
                    type("dev.parley.common.redis.RedisConnectionConfiguration"),
                    type("dev.parley.common.ratelimit.inprocess.InProcessRateLimiterConfiguration"),
                    type("dev.parley.common.ratelimit.redis.RedisRateLimiterConfiguration"),
                    RateLimitAutoConfiguration.class));

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theStandaloneDefaultCountsInProcessWithoutRedis() {
        context.run(started -> {
            assertThat(started).getBean(RateLimiter.class).isInstanceOf(InProcessRateLimiter.class);
            assertThat(started).doesNotHaveBean(LettuceConnectionFactory.class);
            assertThat(started).getBean(ApiRateLimits.class).isInstanceOf(ApiTierLimits.class);
        });
    }

    @Test
    void unsetItFollowsPubSub() {
        context.withPropertyValues("parley.pubsub.type=redis")
                .run(started -> assertThat(started).getBean(RateLimiter.class).isInstanceOf(RedisRateLimiter.class));
        context.withPropertyValues("parley.pubsub.type=inprocess")
                .run(started -> assertThat(started).getBean(RateLimiter.class).isInstanceOf(InProcessRateLimiter.class));
    }

    @Test
    void setItWins() {
        context.withPropertyValues("parley.pubsub.type=redis", "parley.ratelimit.type=inprocess")
                .run(started -> assertThat(started).getBean(RateLimiter.class).isInstanceOf(InProcessRateLimiter.class));
        context.withPropertyValues("parley.ratelimit.type=redis")
                .run(started -> {
                    assertThat(started).getBean(RateLimiter.class).isInstanceOf(RedisRateLimiter.class);
                    assertThat(started).hasSingleBean(LettuceConnectionFactory.class);
                });
    }

    @Test
    void anUnknownTypeStopsStartUp() {
        context.withPropertyValues("parley.ratelimit.type=memcached")
                .run(failed -> assertThat(failed).getFailure().hasStackTraceContaining("parley.ratelimit.type=memcached")
                        .hasStackTraceContaining("[inprocess, redis]"));
    }

    @Test
    void limitsBindAndABadOneStopsStartUp() {
        context.withPropertyValues("parley.ratelimit.post-message.burst=500", "parley.ratelimit.sign-in.account.per-minute=3",
                        "parley.ratelimit.tier2.per-minute=600", "parley.ratelimit.webhook.burst=3")
                .run(started -> {
                    RateLimitProperties limits = started.getBean(RateLimitProperties.class);
                    assertThat(limits.getPostMessage().limit()).isEqualTo(new Limit(60, 500));
                    assertThat(limits.getSignIn().getAccount().limit()).isEqualTo(new Limit(3, 10));
                    assertThat(limits.getTier2().limit()).isEqualTo(new Limit(600, 20));
                    assertThat(limits.getTier3().limit()).isEqualTo(new Limit(50, 50));
                    assertThat(limits.getWebhook().limit()).as("Slack's one a second per webhook")
                            .isEqualTo(new Limit(60, 3));
                });
        context.withPropertyValues("parley.ratelimit.tier1.per-minute=0")
                .run(failed -> assertThat(failed).getFailure().hasStackTraceContaining("parley.ratelimit.tier1")
                        .hasStackTraceContaining("per-minute must be between 1 and"));
    }
}
