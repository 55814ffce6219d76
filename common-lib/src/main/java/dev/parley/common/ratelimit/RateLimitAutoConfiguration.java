package dev.parley.common.ratelimit;

import dev.parley.common.api.ApiRateLimits;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Slack's method tiers, checked by the Web API dispatcher before every handler, on the configured limiter. */
@AutoConfiguration
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitAutoConfiguration {

    // First: a call over its method's tier is refused before a service's own, costlier checks count it.
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApiRateLimits apiTierLimits(RateLimiter limiter, RateLimitProperties properties) {
        return new ApiTierLimits(limiter, properties);
    }
}
