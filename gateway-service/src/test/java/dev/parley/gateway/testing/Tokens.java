package dev.parley.gateway.testing;

import dev.parley.common.auth.OpaqueTokens;
import dev.parley.common.auth.TokenClaims;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.auth.TokenVerifier;
import io.jsonwebtoken.Jwts;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs access tokens as the workspace service does (ES256, with a key id), hands out bot tokens as its token store
 * does, and verifies both with the real verifier.
 */
public final class Tokens {

    private static final String KID = "test-key";
    private final KeyPair keys = Jwts.SIG.ES256.keyPair().build();
    private final Map<String, OpaqueTokens.Grant> bots = new ConcurrentHashMap<>();

    public TokenVerifier verifier() {
        return new TokenVerifier(kid -> KID.equals(kid) ? keys.getPublic() : null, null,
                hash -> bots.getOrDefault(hash, OpaqueTokens.Grant.UNKNOWN));
    }

    /** A bot's opaque token with these scopes; it never expires. */
    public String botToken(String workspaceId, String userId, Set<String> scopes) {
        String token = OpaqueTokens.BOT_PREFIX + workspaceId + "-" + UUID.randomUUID();
        bots.put(OpaqueTokens.hash(token), new OpaqueTokens.Grant(workspaceId, userId, "member", TokenKind.BOT, scopes,
                UUID.randomUUID().toString(), System.currentTimeMillis(), null));
        return token;
    }

    public String token(String workspaceId, String userId, Duration ttl) {
        return token(workspaceId, userId, "member", ttl);
    }

    public String token(String workspaceId, String userId, String role, Duration ttl) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header().keyId(KID).and()
                .issuer(TokenClaims.ISSUER)
                .subject(userId)
                .claim(TokenClaims.WORKSPACE, workspaceId)
                .claim(TokenClaims.ROLE, role)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(keys.getPrivate(), Jwts.SIG.ES256)
                .compact();
    }

    public String token(String workspaceId, String userId) {
        return token(workspaceId, userId, Duration.ofHours(1));
    }
}
