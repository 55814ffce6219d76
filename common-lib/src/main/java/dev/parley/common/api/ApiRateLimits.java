package dev.parley.common.api;

import dev.parley.common.auth.Caller;
import java.util.List;
import java.util.Map;

/**
 * A rate-limit check the dispatcher makes before a handler runs. Throws {@link RateLimitedException} when the call
 * is over a limit. Every such bean of a process is checked, in their order (Slack's tiers first, then a service's
 * own, such as sign-in throttling); without one every call goes ahead.
 */
public interface ApiRateLimits {

    /**
     * One call about to run: its method and tier, its caller (null before sign-in), arguments and the client's address
     * (as the platform's entry point saw it: {@link dev.parley.common.remote.ClientAddresses}).
     */
    record Call(String method, ApiMethod.Tier tier, Caller caller, Map<String, Object> params, String clientAddress) {
    }

    void check(Call call);

    ApiRateLimits UNLIMITED = call -> {
    };

    /** The checks one after the other: the first that refuses answers. */
    static ApiRateLimits all(List<ApiRateLimits> checks) {
        List<ApiRateLimits> copy = List.copyOf(checks);
        return copy.isEmpty() ? UNLIMITED : call -> copy.forEach(check -> check.check(call));
    }
}
