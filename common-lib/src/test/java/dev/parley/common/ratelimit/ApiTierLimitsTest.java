package dev.parley.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRateLimits.Call;
import dev.parley.common.api.RateLimitedException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.ratelimit.inprocess.InProcessRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Slack's tiers per method and token, the per-channel post limit and per-address limits without a token. */
class ApiTierLimitsTest {

    private final AtomicLong clock = new AtomicLong(0);
    private final RateLimitProperties properties = new RateLimitProperties();
    private final ApiTierLimits limits = new ApiTierLimits(new InProcessRateLimiter(clock::get), properties);

    private static Caller token(String tokenId) {
        return new Caller("T1", "U1", "member", TokenKind.USER, Scopes.USER_SESSION, tokenId);
    }

    private static Call call(String method, Tier tier, Caller caller) {
        return new Call(method, tier, caller, Map.of(), "203.0.113.7");
    }

    private void allowed(Call call, int times) {
        for (int i = 0; i < times; i++) {
            assertThatCode(() -> limits.check(call)).as("call %d of %s", i, call.method()).doesNotThrowAnyException();
        }
    }

    private long refusedAfter(Call call) {
        return catchThrowableOfType(RateLimitedException.class, () -> limits.check(call)).retryAfterSeconds();
    }

    @Test
    void defaultsFollowSlacksTiers() {
        assertThat(properties.limit(Tier.TIER_1)).isEqualTo(new Limit(1, 3));
        assertThat(properties.limit(Tier.TIER_2)).isEqualTo(new Limit(20, 20));
        assertThat(properties.limit(Tier.TIER_3)).isEqualTo(new Limit(50, 50));
        assertThat(properties.limit(Tier.TIER_4)).isEqualTo(new Limit(100, 100));
        assertThat(properties.limit(Tier.POST_MESSAGE)).isEqualTo(new Limit(60, 10));
    }

    @Test
    void eachTierAllowsItsBurstThenAsksToWaitForOneInterval() {
        Call tier2 = call("users.list", Tier.TIER_2, token("tok-1"));
        allowed(tier2, 20);
        assertThat(refusedAfter(tier2)).as("20 a minute: one every 3 s").isEqualTo(3);
        clock.addAndGet(Duration.ofSeconds(3).toNanos());
        allowed(tier2, 1);
        assertThat(refusedAfter(tier2)).isEqualTo(3);

        Call tier1 = call("workspaces.create", Tier.TIER_1, token("tok-1"));
        allowed(tier1, 3);
        assertThat(refusedAfter(tier1)).isEqualTo(60);

        Call tier3 = call("conversations.history", Tier.TIER_3, token("tok-1"));
        allowed(tier3, 50);
        assertThat(refusedAfter(tier3)).as("1.2 s rounds up").isEqualTo(2);

        Call tier4 = call("auth.test", Tier.TIER_4, token("tok-1"));
        allowed(tier4, 100);
        assertThat(refusedAfter(tier4)).isEqualTo(1);
    }

    @Test
    void limitsCountPerMethodAndPerToken() {
        Call list = call("users.list", Tier.TIER_2, token("tok-1"));
        allowed(list, 20);
        refusedAfter(list);
        allowed(call("usergroups.list", Tier.TIER_2, token("tok-1")), 20);
        allowed(call("users.list", Tier.TIER_2, token("tok-2")), 20);
        Caller sameUserOtherToken = new Caller("T1", "U1", "member", TokenKind.BOT, Scopes.USER_SESSION, "tok-3");
        allowed(call("users.list", Tier.TIER_2, sameUserOtherToken), 20);
    }

    @Test
    void aCallerWithoutATokenIdCountsAsItsUser() {
        Call internal = call("users.list", Tier.TIER_2, new Caller("T1", "U9", "member"));
        allowed(internal, 20);
        refusedAfter(internal);
        allowed(call("users.list", Tier.TIER_2, new Caller("T1", "U8", "member")), 1);
        allowed(call("users.list", Tier.TIER_2, new Caller("T2", "U9", "member")), 1);
    }

    @Test
    void callsWithoutATokenCountPerClientAddress() {
        Call signIn = new Call("auth.signin", Tier.TIER_2, null, Map.of(), "198.51.100.1");
        allowed(signIn, 20);
        refusedAfter(signIn);
        allowed(new Call("auth.signin", Tier.TIER_2, null, Map.of(), "198.51.100.2"), 20);
    }

    @Test
    void postMessageCountsPerChannelWhoeverPosts() {
        Call ann = new Call("chat.postMessage", Tier.POST_MESSAGE, token("ann"), Map.of("channel", "C1"), "a");
        Call bob = new Call("chat.postMessage", Tier.POST_MESSAGE, token("bob"), Map.of("channel", "C1"), "b");
        allowed(ann, 5);
        allowed(bob, 5);
        assertThat(refusedAfter(ann)).as("one a second").isEqualTo(1);
        assertThat(refusedAfter(bob)).isEqualTo(1);
        allowed(new Call("chat.postMessage", Tier.POST_MESSAGE, token("ann"), Map.of("channel", "C2"), "a"), 10);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        allowed(bob, 1);
    }

    @Test
    void noOneOutsideAWorkspaceUsesUpItsChannelsAllowance() {
        Caller outsider = new Caller("T2", "U5", "member", TokenKind.USER, Scopes.USER_SESSION, "out");
        allowed(new Call("chat.postMessage", Tier.POST_MESSAGE, outsider, Map.of("channel", "C1"), "x"), 10);
        allowed(new Call("chat.postMessage", Tier.POST_MESSAGE, token("ann"), Map.of("channel", "C1"), "a"), 10);
    }

    @Test
    void aPostWithoutAChannelIsLeftToTheHandler() {
        allowed(new Call("chat.postMessage", Tier.POST_MESSAGE, token("ann"), Map.of(), "a"), 100);
    }

    @Test
    void configuredRatesReplaceTheDefaults() {
        properties.getTier2().setPerMinute(6);
        properties.getTier2().setBurst(2);
        Call list = call("users.list", Tier.TIER_2, token("tok-1"));
        allowed(list, 2);
        assertThat(refusedAfter(list)).isEqualTo(10);
    }

    @Test
    void hugeClientInputMakesShortKeys() {
        String huge = "C".repeat(100_000);
        assertThat(RateLimiter.part(huge)).hasSizeLessThan(40).isEqualTo(RateLimiter.part(huge));
        assertThat(RateLimiter.part("C0123ABC")).isEqualTo("C0123ABC");
        assertThat(RateLimiter.part("with space")).isNotEqualTo("with space");
        allowed(new Call("chat.postMessage", Tier.POST_MESSAGE, token("ann"), Map.of("channel", huge), "a"), 10);
    }
}
