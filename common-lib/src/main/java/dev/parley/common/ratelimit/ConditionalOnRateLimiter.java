package dev.parley.common.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the rate limiter chosen by {@link RateLimiterType#of} is the given one. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Conditional(ConditionalOnRateLimiter.OnRateLimiter.class)
public @interface ConditionalOnRateLimiter {

    RateLimiterType value();

    /** The condition behind the annotation. */
    class OnRateLimiter implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRateLimiter.class.getName());
            return attributes != null && attributes.get("value") == RateLimiterType.of(context.getEnvironment());
        }
    }
}
