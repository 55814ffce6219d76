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

    /** How long a verified token is trusted without checking its signature again. */
    static final java.time.Duration REVERIFY_AFTER = java.time.Duration.ofSeconds(60);
    static final int CACHE_LIMIT = 20_000;

    private final io.jsonwebtoken.JwtParser parser;
    // Verifying an ES256 signature costs about a millisecond of CPU, most of a Web API call's; a client sends the same
    // token with every call, so a verified token is remembered for a short while (never past its own expiry).
    private final java.util.concurrent.ConcurrentHashMap<String, Remembered> verified = new java.util.concurrent.ConcurrentHashMap<>();

    private record Remembered(Verified verified, long until) {
    }

    private final TokenRevocations revocations;

    /** A verifier that knows of no revocations: for tests of token parsing alone. */
    public TokenVerifier(PublicKeys keys) {
        this(keys, null);
    }

    public TokenVerifier(PublicKeys keys, TokenRevocations revocations) {
        this.revocations = revocations;
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

    /** A verified token: its caller, when it was issued and when it stops being valid. */
    public record Verified(Caller caller, java.time.Instant issuedAt, java.time.Instant expiresAt) {
    }

    public Caller verify(String token) {
        return verifyWithExpiry(token).caller();
    }

    /** Verifies and also says when the token expires (a socket opened with it closes then unless refreshed). */
    public Verified verifyWithExpiry(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw new SlackApiException("invalid_auth");
        }
        long now = System.currentTimeMillis();
        Remembered hit = verified.get(token);
        if (hit != null && now < hit.until()) {
            return checked(hit.verified());
        }
        Verified fresh = checked(parse(token));
        long expiry;
        try {
            expiry = fresh.expiresAt().toEpochMilli();
        } catch (ArithmeticException e) {
            expiry = Long.MAX_VALUE;
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(token, new Remembered(fresh, Math.min(expiry, now + REVERIFY_AFTER.toMillis())));
        return fresh;
    }

    private Verified checked(Verified v) {
        if (revocations != null) {
            revocations.check(v.caller(), v.issuedAt().toEpochMilli());
        }
        return v;
    }

    private Verified parse(String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            String workspace = claims.get(TokenClaims.WORKSPACE, String.class);
            String user = claims.getSubject();
            if (workspace == null || user == null) {
                throw new SlackApiException("invalid_auth");
            }
            java.util.Date expiry = claims.getExpiration();
            java.util.Date issued = claims.getIssuedAt();
            Caller caller = new Caller(workspace, user, claims.get(TokenClaims.ROLE, String.class), TokenKind.USER,
                    Scopes.USER_SESSION, claims.getId());
            return new Verified(caller, issued == null ? java.time.Instant.EPOCH : issued.toInstant(),
                    expiry == null ? java.time.Instant.MAX : expiry.toInstant());
        } catch (JwtException | IllegalArgumentException e) {
            throw new SlackApiException("invalid_auth");
        }
    }
}
