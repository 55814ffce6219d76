package dev.parley.common.auth;

import dev.parley.common.api.SlackApiException;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.SecurityException;
import java.security.Key;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the caller of a token, or refuses it with Slack's error. A signed session token (JWT) is checked for its
 * signature, algorithm, issuer and expiry; an opaque bot token ({@code xoxb-…}) is looked up through
 * {@link OpaqueTokens}. Either way the answer is remembered for a short while, and revocations are checked on every
 * call. Only the algorithms on the allow-list are accepted, whatever a JWT's header claims, so a token cannot choose
 * how it is checked ({@code none}, or {@code HS256} keyed with the public key).
 */
public class TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);

    /** How long a verified token is trusted without checking its signature (or looking it up) again. */
    static final java.time.Duration REVERIFY_AFTER = java.time.Duration.ofSeconds(60);
    /** How long an opaque token found unknown or revoked stays refused without asking again. */
    static final java.time.Duration REFUSED_FOR = java.time.Duration.ofSeconds(10);
    static final int CACHE_LIMIT = 20_000;

    private final io.jsonwebtoken.JwtParser parser;
    // Verifying an ES256 signature costs about a millisecond of CPU, most of a Web API call's; a client sends the same
    // token with every call, so a verified token is remembered for a short while (never past its own expiry).
    private final java.util.concurrent.ConcurrentHashMap<String, Remembered> verified = new java.util.concurrent.ConcurrentHashMap<>();

    // Kept apart from the verified ones, so a flood of made-up tokens can only ever flush this map.
    private final java.util.concurrent.ConcurrentHashMap<String, Remembered> refused = new java.util.concurrent.ConcurrentHashMap<>();

    private record Remembered(Verified verified, String error, long until) {
    }

    private final TokenRevocations revocations;
    private final OpaqueTokens opaque;

    /** A verifier that knows of no revocations and no bot tokens: for tests of token parsing alone. */
    public TokenVerifier(PublicKeys keys) {
        this(keys, null);
    }

    public TokenVerifier(PublicKeys keys, TokenRevocations revocations) {
        this(keys, revocations, hash -> OpaqueTokens.Grant.UNKNOWN);
    }

    /** A verifier of ES256 session tokens and of no bot tokens, with these JWS algorithms allowed. */
    public TokenVerifier(PublicKeys keys, TokenRevocations revocations, java.util.Set<String> algorithms) {
        this(keys, revocations, hash -> OpaqueTokens.Grant.UNKNOWN, algorithms);
    }

    public TokenVerifier(PublicKeys keys, TokenRevocations revocations, OpaqueTokens opaque) {
        this(keys, revocations, opaque, java.util.Set.of("ES256"));
    }

    /** {@code algorithms}: the JWS {@code alg} values accepted (see {@link AuthProperties#algorithms()}). */
    public TokenVerifier(PublicKeys keys, TokenRevocations revocations, OpaqueTokens opaque,
                         java.util.Set<String> algorithms) {
        this.revocations = revocations;
        this.opaque = opaque;
        java.util.Set<String> allowed = java.util.Set.copyOf(algorithms);
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        if (!allowed.contains(header.getAlgorithm())) {
                            throw new SecurityException("algorithm not allowed");
                        }
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

    /** A verified token: its caller, when it was issued and when it stops being valid ({@code Instant.MAX}: never). */
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
        if (OpaqueTokens.isOpaque(token)) {
            return opaque(token, now);
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
        verified.put(token, new Remembered(fresh, null, Math.min(expiry, now + REVERIFY_AFTER.toMillis())));
        return fresh;
    }

    /**
     * A bot token: looked up once, then answered from memory like a verified JWT, so the hot path makes no remote
     * call per request; unknown and revoked ones are remembered briefly too. Revocations still apply at once.
     */
    private Verified opaque(String token, long now) {
        Remembered no = refused.get(token);
        if (no != null && now < no.until()) {
            throw new SlackApiException(no.error());
        }
        OpaqueTokens.Grant grant;
        try {
            grant = opaque.find(OpaqueTokens.hash(token));
        } catch (RuntimeException e) {
            log.warn("Could not look up a bot token: {}", e.toString());
            throw new SlackApiException("service_unavailable");
        }
        if (grant == null || !grant.valid()) {
            String error = grant == null ? "invalid_auth" : grant.error();
            if (refused.size() >= CACHE_LIMIT) {
                refused.clear();
            }
            refused.put(token, new Remembered(null, error, now + REFUSED_FOR.toMillis()));
            throw new SlackApiException(error);
        }
        Caller caller = new Caller(grant.workspaceId(), grant.userId(), grant.role(),
                grant.kind() == null ? TokenKind.BOT : grant.kind(), grant.scopes(), grant.tokenId(), grant.bot());
        Verified fresh = checked(new Verified(caller, java.time.Instant.ofEpochMilli(grant.issuedAtMillis()),
                java.time.Instant.MAX));
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(token, new Remembered(fresh, null, now + REVERIFY_AFTER.toMillis()));
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
            Long issuedMillis = claims.get(TokenClaims.ISSUED_AT_MILLIS, Long.class);
            java.time.Instant issuedAt = issuedMillis != null ? java.time.Instant.ofEpochMilli(issuedMillis)
                    : issued == null ? java.time.Instant.EPOCH : issued.toInstant();
            return new Verified(caller, issuedAt, expiry == null ? java.time.Instant.MAX : expiry.toInstant());
        } catch (JwtException | IllegalArgumentException e) {
            throw new SlackApiException("invalid_auth");
        }
    }
}
