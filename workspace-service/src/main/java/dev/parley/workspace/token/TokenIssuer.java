package dev.parley.workspace.token;

import dev.parley.common.auth.TokenClaims;
import io.jsonwebtoken.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Issues short-lived signed access tokens (JWT, ES256, with {@code kid}) for signed-in users. */
@Component
public class TokenIssuer {

    /** A token and how long it lives. */
    public record IssuedToken(String token, long expiresInSeconds) {
    }

    private final SigningKeys keys;
    private final Duration ttl;

    TokenIssuer(SigningKeys keys, Environment env) {
        this.keys = keys;
        this.ttl = env.getProperty("parley.auth.token-ttl", Duration.class, Duration.ofHours(1));
    }

    public IssuedToken issue(String workspaceId, String userId, String role) {
        SigningKeys.SigningKey key = keys.current();
        Instant now = Instant.now();
        String token = Jwts.builder()
                .header().keyId(key.kid()).and()
                .id(java.util.UUID.randomUUID().toString())
                .issuer(TokenClaims.ISSUER)
                .subject(userId)
                .claim(TokenClaims.WORKSPACE, workspaceId)
                .claim(TokenClaims.ROLE, role)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key.privateKey(), Jwts.SIG.ES256)
                .compact();
        return new IssuedToken(token, ttl.toSeconds());
    }
}
