package dev.parley.workspace.identity;

import dev.parley.common.api.ApiRateLimits;
import dev.parley.common.api.RateLimitedException;
import dev.parley.common.ratelimit.Decision;
import dev.parley.common.ratelimit.RateLimitProperties;
import dev.parley.common.ratelimit.RateLimiter;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing and hashing floods before any password is hashed (the dispatcher checks it before the
 * handler runs): every call that hashes a password without a token counts per client address, and sign-in also per
 * account. An account is its email whether or not anyone has it, so being refused tells nothing about which emails
 * exist.
 */
@Component
class SignInThrottle implements ApiRateLimits {

    /** The methods that hash a password for a caller who has no token yet; a new one belongs here. */
    static final Set<String> PASSWORD_METHODS = Set.of("auth.signin", "workspaces.create", "auth.acceptInvite");

    private final RateLimiter limiter;
    private final RateLimitProperties.SignIn limits;

    SignInThrottle(RateLimiter limiter, RateLimitProperties properties) {
        this.limiter = limiter;
        this.limits = properties.getSignIn();
    }

    @Override
    public void check(Call call) {
        if (!PASSWORD_METHODS.contains(call.method())) {
            return;
        }
        // The address counts first, so guesses at an account already refused still use up the address's allowance.
        refuseUnless(limiter.tryAcquire("signin:address:" + RateLimiter.part(call.clientAddress()),
                limits.getAddress().limit()));
        Object email = call.params().get("email");
        if (call.method().equals("auth.signin") && email != null && !String.valueOf(email).isBlank()) {
            String account = String.valueOf(email).trim().toLowerCase(Locale.ROOT);
            refuseUnless(limiter.tryAcquire("signin:account:" + RateLimiter.part(account), limits.getAccount().limit()));
        }
    }

    private static void refuseUnless(Decision decision) {
        if (!decision.allowed()) {
            throw new RateLimitedException(decision.retryAfterSeconds());
        }
    }
}
