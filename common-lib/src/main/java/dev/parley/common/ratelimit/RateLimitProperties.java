package dev.parley.common.ratelimit;

import dev.parley.common.api.ApiMethod;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every limit Parley enforces ({@code parley.ratelimit.*}), each a rate per minute with a burst. The defaults follow
 * Slack's documented tiers (1+, 20+, 50+ and 100+ calls a minute per method and token) and its special limit of about
 * one {@code chat.postMessage} a second per channel and
 * one post a second per incoming webhook; sign-in throttling is Parley's own. Which store counts them is
 * {@code parley.ratelimit.type} ({@link RateLimiterType}).
 */
@ConfigurationProperties("parley.ratelimit")
public class RateLimitProperties {

    private final Rate tier1 = new Rate(1, 3);
    private final Rate tier2 = new Rate(20, 20);
    private final Rate tier3 = new Rate(50, 50);
    private final Rate tier4 = new Rate(100, 100);
    private final Rate postMessage = new Rate(60, 10);
    private final Rate webhook = new Rate(60, 10);
    private final SignIn signIn = new SignIn();

    /** Tier 1: methods called rarely, e.g. {@code workspaces.create}. */
    public Rate getTier1() {
        return tier1;
    }

    /** Tier 2: most write and listing methods. */
    public Rate getTier2() {
        return tier2;
    }

    /** Tier 3: the common reads and writes, e.g. {@code conversations.history}. */
    public Rate getTier3() {
        return tier3;
    }

    /** Tier 4: cheap, frequent reads, e.g. {@code auth.test}. */
    public Rate getTier4() {
        return tier4;
    }

    /** {@code chat.postMessage}, counted per channel rather than per token. */
    public Rate getPostMessage() {
        return postMessage;
    }

    /** Posts to one incoming webhook: Slack's about one a second, with short bursts. */
    public Rate getWebhook() {
        return webhook;
    }

    public SignIn getSignIn() {
        return signIn;
    }

    /** The limit of a tier. */
    public Limit limit(ApiMethod.Tier tier) {
        return switch (tier) {
            case TIER_1 -> tier1.limit();
            case TIER_2 -> tier2.limit();
            case TIER_3 -> tier3.limit();
            case TIER_4 -> tier4.limit();
            case POST_MESSAGE -> postMessage.limit();
        };
    }

    /** Password guessing and hashing floods, checked before any password is hashed. */
    public static class SignIn {

        private final Rate account = new Rate(1, 10);
        private final Rate address = new Rate(30, 60);

        /** Sign-in attempts per account (email), whether or not the account exists. */
        public Rate getAccount() {
            return account;
        }

        /** Calls that hash a password without a token (sign-in, workspace creation) per client address. */
        public Rate getAddress() {
            return address;
        }
    }

    /** A configurable {@link Limit}: a bad value stops start-up with the property named. */
    public static class Rate {

        private Limit limit;

        Rate(long perMinute, long burst) {
            this.limit = new Limit(perMinute, burst);
        }

        public long getPerMinute() {
            return limit.perMinute();
        }

        public void setPerMinute(long perMinute) {
            limit = new Limit(perMinute, limit.burst());
        }

        public long getBurst() {
            return limit.burst();
        }

        public void setBurst(long burst) {
            limit = new Limit(limit.perMinute(), burst);
        }

        public Limit limit() {
            return limit;
        }
    }
}
