package dev.parley.common.ratelimit.inprocess;

import dev.parley.common.ratelimit.ConditionalOnRateLimiter;
import dev.parley.common.ratelimit.RateLimiter;
import dev.parley.common.ratelimit.RateLimiterType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Rate limits counted inside the one standalone process. */
@AutoConfiguration
@ConditionalOnRateLimiter(RateLimiterType.INPROCESS)
class InProcessRateLimiterConfiguration {

    @Bean
    RateLimiter inProcessRateLimiter() {
        return new InProcessRateLimiter();
    }
}
