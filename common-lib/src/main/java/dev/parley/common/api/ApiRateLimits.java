package dev.parley.common.api;

import dev.parley.common.auth.Caller;
import java.util.Map;

/**
 * The rate-limit check the dispatcher makes before a handler runs. Throws {@link RateLimitedException} when the call
 * is over its method's limit. Without a configured limiter every call goes ahead.
 */
public interface ApiRateLimits {

    /** One call about to run: its method and tier, its caller (null before sign-in), arguments and client address. */
    record Call(String method, ApiMethod.Tier tier, Caller caller, Map<String, Object> params, String clientAddress) {
    }

    void check(Call call);

    ApiRateLimits UNLIMITED = call -> {
    };
}
