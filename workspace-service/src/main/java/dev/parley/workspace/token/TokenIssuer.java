package dev.parley.workspace.token;

import dev.parley.common.auth.AuthProperties;
import dev.parley.common.auth.TokenClaims;
import dev.parley.common.auth.TokenRevocations;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Issues short-lived signed access tokens (JWT, ES256, with {@code kid} and a unique {@code jti}). */
public class TokenIssuer {

    /** A token, its id ({@code jti}, what revoking one token names) and how long it lives. */
    public record IssuedToken(String token, String tokenId, long expiresInSeconds) {
    }

    private final SigningKeys keys;
    private final TokenRevocations revocations;
    private final Duration ttl;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, TokenRevocations revocations, AuthProperties auth, Clock clock) {
        this.keys = keys;
        this.revocations = revocations;
        this.ttl = auth.tokenTtl();
        this.clock = clock;
    }

    public IssuedToken issue(String workspaceId, String userId, String role) {
        SigningKeys.SigningKey key = keys.current();
        long issuedMillis = clock.millis();
        // A revocation of the account refuses every token issued up to its millisecond; a token issued in that very
        // millisecond (the refresh right after a role change, on a fast machine) is dated just after it.
        long revokedAt = revocations.accountRevokedAt(workspaceId, userId).orElse(Long.MIN_VALUE);
        if (issuedMillis <= revokedAt) {
            issuedMillis = revokedAt + 1;
        }
        Instant issued = Instant.ofEpochMilli(issuedMillis);
        String tokenId = UUID.randomUUID().toString();
        String token = Jwts.builder()
                .header().keyId(key.kid()).and()
                .id(tokenId)
                .issuer(TokenClaims.ISSUER)
                .subject(userId)
                .claim(TokenClaims.WORKSPACE, workspaceId)
                .claim(TokenClaims.ROLE, role)
                .issuedAt(Date.from(issued))
                .claim(TokenClaims.ISSUED_AT_MILLIS, issuedMillis)
                .expiration(Date.from(issued.plus(ttl)))
                .signWith(key.privateKey(), Jwts.SIG.ES256)
                .compact();
        return new IssuedToken(token, tokenId, ttl.toSeconds());
    }
}
