package dev.parley.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where {@link TokenVerifier} resolves an opaque token (a bot's {@code xoxb-…}): the workspace service's token store
 * in its own process, a typed call to it elsewhere. Only the token's SHA-256 travels and is stored, never the token.
 */
public interface OpaqueTokens {

    /** Slack's prefix of bot tokens; anything else is a signed session token. */
    String BOT_PREFIX = "xoxb-";

    /** The grant of the token whose SHA-256 (lower-case hex) is {@code tokenHash}; {@link Grant#UNKNOWN} when none. */
    Grant find(String tokenHash);

    /**
     * What a token grants: whose it is, with which role and scopes, its id and when it was issued; or, with
     * {@code error} set, why it does not work ({@code invalid_auth} for an unknown token, {@code token_revoked}).
     */
    record Grant(String workspaceId, String userId, String role, TokenKind kind, Set<String> scopes, String tokenId,
                 long issuedAtMillis, String error, BotProfile bot) {

        public static final Grant UNKNOWN = refused("invalid_auth");

        public Grant {
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        }

        public Grant(String workspaceId, String userId, String role, TokenKind kind, Set<String> scopes, String tokenId,
                     long issuedAtMillis, String error) {
            this(workspaceId, userId, role, kind, scopes, tokenId, issuedAtMillis, error, null);
        }

        /** The same grant, made by this bot. */
        public Grant withBot(BotProfile profile) {
            return new Grant(workspaceId, userId, role, kind, scopes, tokenId, issuedAtMillis, error, profile);
        }

        public static Grant refused(String error) {
            return new Grant(null, null, null, null, Set.of(), null, 0, error);
        }

        public boolean valid() {
            return error == null;
        }
    }

    static boolean isOpaque(String token) {
        return token.startsWith(BOT_PREFIX);
    }

    /** The stored form of a high-entropy token: a plain SHA-256 is enough, nobody can guess what was hashed. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
