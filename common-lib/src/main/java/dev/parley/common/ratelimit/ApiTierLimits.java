package dev.parley.common.ratelimit;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiRateLimits;
import dev.parley.common.api.RateLimitedException;
import dev.parley.common.auth.Caller;

/**
 * Slack's per-method limits: a call counts against its method's tier per token (the caller's token id, else the
 * user), or per client address when it carries no token. {@code chat.postMessage} counts per channel instead, within
 * the caller's workspace, so no one outside a workspace can use up its channels' allowance.
 */
final class ApiTierLimits implements ApiRateLimits {

    private final RateLimiter limiter;
    private final RateLimitProperties properties;

    ApiTierLimits(RateLimiter limiter, RateLimitProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    @Override
    public void check(Call call) {
        String key;
        if (call.tier() == ApiMethod.Tier.POST_MESSAGE) {
            Object channel = call.params().get("channel");
            if (channel == null || String.valueOf(channel).isBlank()) {
                return; // nothing is posted: the handler answers channel_not_found
            }
            String scope = call.caller() == null ? address(call) : "w:" + call.caller().workspaceId();
            key = "post:" + scope + ":" + RateLimiter.part(String.valueOf(channel));
        } else {
            key = "api:" + call.method() + ":" + who(call);
        }
        Decision decision = limiter.tryAcquire(key, properties.limit(call.tier()));
        if (!decision.allowed()) {
            throw new RateLimitedException(decision.retryAfterSeconds());
        }
    }

    private static String who(Call call) {
        Caller caller = call.caller();
        if (caller == null) {
            return address(call);
        }
        if (caller.tokenId() != null && !caller.tokenId().isBlank()) {
            return "t:" + RateLimiter.part(caller.tokenId());
        }
        return "u:" + caller.workspaceId() + ":" + caller.userId();
    }

    private static String address(Call call) {
        return "a:" + RateLimiter.part(call.clientAddress());
    }
}
