package dev.parley.common.auth;

import dev.parley.common.api.SlackApiException;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.SecurityException;
import java.security.Key;

/** Checks an access token's signature, issuer and expiry and names its caller; anything else is {@code invalid_auth}. */
public class TokenVerifier {

    private final io.jsonwebtoken.JwtParser parser;

    public TokenVerifier(PublicKeys keys) {
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        Key key = header.getKeyId() == null ? null : keys.find(header.getKeyId());
                        if (key == null) {
                            throw new SecurityException("unknown key id");
                        }
                        return key;
                    }
                })
                .requireIssuer(TokenClaims.ISSUER)
                .build();
    }

    /** A verified token: its caller and when it stops being valid. */
    public record Verified(Caller caller, java.time.Instant expiresAt) {
    }

    public Caller verify(String token) {
        return verifyWithExpiry(token).caller();
    }

    /** Verifies and also says when the token expires (a socket opened with it closes then unless refreshed). */
    public Verified verifyWithExpiry(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw new SlackApiException("invalid_auth");
        }
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            String workspace = claims.get(TokenClaims.WORKSPACE, String.class);
            String user = claims.getSubject();
            if (workspace == null || user == null) {
                throw new SlackApiException("invalid_auth");
            }
            java.util.Date expiry = claims.getExpiration();
            return new Verified(new Caller(workspace, user, claims.get(TokenClaims.ROLE, String.class)),
                    expiry == null ? java.time.Instant.MAX : expiry.toInstant());
        } catch (JwtException | IllegalArgumentException e) {
            throw new SlackApiException("invalid_auth");
        }
    }
}
