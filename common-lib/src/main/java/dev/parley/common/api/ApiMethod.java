package dev.parley.common.api;

import dev.parley.common.auth.TokenKind;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link WebApi} bean as the handler of one Web API method, e.g. {@code chat.postMessage}.
 * The handler takes an {@link ApiRequest} and returns the fields that go next to {@code "ok":true}. The dispatcher
 * enforces what the annotation declares (token kind, scopes, role, rate tier) before the handler runs, so every
 * service applies the same rules.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiMethod {

    String value();

    /** Whether a valid token is required; the few bootstrap methods (sign-in, workspace creation) say false. */
    boolean authenticated() default true;

    /** Scopes of which the token must hold at least one ({@code missing_scope} otherwise); empty: any token. */
    String[] scopes() default {};

    /** Who may call it, by role. */
    Access access() default Access.ANYONE;

    /** Which token kinds may call it ({@code not_allowed_token_type} otherwise). */
    TokenKind[] tokens() default {TokenKind.USER, TokenKind.BOT};

    /** Slack's rate-limit tier of the method. */
    Tier tier() default Tier.TIER_3;

    /** Who may call a method, by {@link dev.parley.common.auth.MemberRole}. */
    enum Access {
        /** Everyone in the workspace, guests included (each method still decides what a guest may see). */
        ANYONE,
        /** Full members and above; guests get {@code restricted_action}. */
        MEMBERS,
        /** Owners and admins; others get {@code not_an_admin}. */
        ADMINS,
        /** Owners only; others get {@code not_an_owner}. */
        OWNERS
    }

    /**
     * Slack's rate-limit tiers (requests per minute per token and method: 1+, 20+, 50+, 100+), and the special
     * per-channel limit of {@code chat.postMessage}.
     */
    enum Tier {
        TIER_1, TIER_2, TIER_3, TIER_4, POST_MESSAGE
    }
}
