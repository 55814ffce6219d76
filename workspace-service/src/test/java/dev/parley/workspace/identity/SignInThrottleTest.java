package dev.parley.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRateLimits.Call;
import dev.parley.common.api.RateLimitedException;
import dev.parley.common.ratelimit.RateLimitProperties;
import dev.parley.common.ratelimit.inprocess.InProcessRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sign-in throttling per account and per client address, and what it leaves alone. */
class SignInThrottleTest {

    private final AtomicLong clock = new AtomicLong(0);
    private final RateLimitProperties properties = new RateLimitProperties();
    private final SignInThrottle throttle = new SignInThrottle(new InProcessRateLimiter(clock::get), properties);

    private static Call signIn(String email, String address) {
        return new Call("auth.signin", Tier.TIER_2, null, Map.of("email", email, "password", "guess"), address);
    }

    private void allowed(Call call, int times) {
        for (int i = 0; i < times; i++) {
            assertThatCode(() -> throttle.check(call)).as("attempt %d", i).doesNotThrowAnyException();
        }
    }

    private long refusedAfter(Call call) {
        return catchThrowableOfType(RateLimitedException.class, () -> throttle.check(call)).retryAfterSeconds();
    }

    @Test
    void defaults() {
        assertThat(properties.getSignIn().getAccount().limit().toString()).isEqualTo("1/min (burst 10)");
        assertThat(properties.getSignIn().getAddress().limit().toString()).isEqualTo("30/min (burst 60)");
    }

    @Test
    void anAccountIsThrottledFromEveryAddressAndItsEmailInAnyCase() {
        for (int i = 0; i < 10; i++) {
            throttle.check(signIn(i % 2 == 0 ? "ann@example.test" : " ANN@Example.test ", "198.51.100." + i));
        }
        assertThat(refusedAfter(signIn("ann@example.test", "198.51.100.77"))).isEqualTo(60);
        allowed(signIn("bob@example.test", "198.51.100.77"), 1);
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        allowed(signIn("ann@example.test", "198.51.100.77"), 1);
    }

    @Test
    void anAddressIsThrottledWhateverEmailsItTries() {
        for (int i = 0; i < 60; i++) {
            throttle.check(signIn("user" + i + "@example.test", "203.0.113.5"));
        }
        assertThat(refusedAfter(signIn("someone-new@example.test", "203.0.113.5"))).isEqualTo(2);
        allowed(signIn("someone-new@example.test", "203.0.113.6"), 1);
    }

    @Test
    void guessesAtAnAccountAlreadyRefusedStillCountForTheAddress() {
        properties.getSignIn().getAddress().setBurst(15);
        allowed(signIn("ann@example.test", "203.0.113.5"), 10);
        for (int i = 0; i < 5; i++) {
            refusedAfter(signIn("ann@example.test", "203.0.113.5"));
        }
        refusedAfter(signIn("bob@example.test", "203.0.113.5"));
    }

    @Test
    void workspaceCreationCountsForTheAddressAndOtherMethodsAreLeftAlone() {
        properties.getSignIn().getAddress().setBurst(2);
        Call create = new Call("workspaces.create", Tier.TIER_1, null, Map.of("email", "owner@example.test"), "203.0.113.8");
        allowed(create, 2);
        refusedAfter(create);
        refusedAfter(signIn("x@example.test", "203.0.113.8"));
        allowed(new Call("users.list", Tier.TIER_2, null, Map.of(), "203.0.113.8"), 50);
    }

    @Test
    void aSignInWithoutAnEmailCountsOnlyForTheAddress() {
        allowed(new Call("auth.signin", Tier.TIER_2, null, Map.of(), "203.0.113.9"), 60);
        refusedAfter(new Call("auth.signin", Tier.TIER_2, null, Map.of(), "203.0.113.9"));
    }
}
