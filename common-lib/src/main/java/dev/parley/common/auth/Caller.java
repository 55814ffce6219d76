package dev.parley.common.auth;

import dev.parley.common.api.SlackApiException;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling: workspace, user, the user's {@link MemberRole}, the kind of token and the scopes it grants, and
 * the token's id (what {@code auth.revoke} and rate limits key on). Every service decides access from this alone.
 * A bot token's caller also carries its {@link BotProfile} (null for people), so what it posts shows the bot.
 */
public record Caller(String workspaceId, String userId, String role, TokenKind kind, Set<String> scopes,
                     String tokenId, BotProfile bot) {

    public Caller {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        kind = kind == null ? TokenKind.USER : kind;
    }

    public Caller(String workspaceId, String userId, String role, TokenKind kind, Set<String> scopes, String tokenId) {
        this(workspaceId, userId, role, kind, scopes, tokenId, null);
    }

    /** A person acting through their session, with every user scope; for calls made inside the platform too. */
    public Caller(String workspaceId, String userId, String role) {
        this(workspaceId, userId, role, TokenKind.USER, Scopes.USER_SESSION, null);
    }

    public MemberRole memberRole() {
        return MemberRole.orMember(role);
    }

    public boolean isAdmin() {
        return memberRole().isAdmin();
    }

    public boolean isOwner() {
        return memberRole() == MemberRole.OWNER;
    }

    public boolean isGuest() {
        return memberRole().isGuest();
    }

    public boolean isBot() {
        return kind == TokenKind.BOT;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * Refuses with Slack's {@code missing_scope} unless the token holds one of the scopes, e.g. a history call on a
     * private channel needs {@code groups:history} where a public one needs {@code channels:history}.
     */
    public void requireScope(String... anyOf) {
        for (String scope : anyOf) {
            if (scopes.contains(scope)) {
                return;
            }
        }
        throw missingScope(anyOf);
    }

    SlackApiException missingScope(String... needed) {
        return new SlackApiException("missing_scope",
                Map.of("needed", String.join(",", needed), "provided", Scopes.join(scopes)));
    }

    /** Refuses guests with Slack's {@code restricted_action}. */
    public void requireFullMember() {
        if (isGuest()) {
            throw new SlackApiException("restricted_action");
        }
    }

    /** Refuses anyone but owners and admins with Slack's {@code not_an_admin}. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new SlackApiException("not_an_admin");
        }
    }
}
