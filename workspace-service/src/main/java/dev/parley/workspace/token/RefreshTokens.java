package dev.parley.workspace.token;

import dev.parley.common.auth.AuthProperties;
import dev.parley.common.id.Ids;
import dev.parley.workspace.token.RefreshTokenRepository.StoredRefreshToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Opaque long-lived refresh tokens in Slack's shape ({@code xoxe-1-<team>-<64 hex>}), stored only as SHA-256 hashes
 * (they are 256 random bits, so a fast hash is enough). Every exchange rotates the token; the rotated one presented
 * again means two parties hold the family, so the whole family is revoked. Callers run these in a transaction.
 */
public class RefreshTokens {

    /** What presenting a refresh token came to. */
    public sealed interface Claim {
    }

    /** The token was current and is now used up: issue the next one in {@code familyId}. */
    public record Claimed(String workspaceId, String userId, String familyId) implements Claim {
    }

    /** The token had already been exchanged: the family is revoked, with the access tokens issued in it. */
    public record Reused(String workspaceId, String userId, String familyId, List<String> accessTokenIds) implements Claim {
    }

    /** Unknown, expired or revoked: nothing changed. */
    public record Refused() implements Claim {
    }

    static final String PREFIX = "xoxe-1-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository repository;
    private final long ttlMillis;
    private final Clock clock;

    RefreshTokens(RefreshTokenRepository repository, AuthProperties auth, Clock clock) {
        this.repository = repository;
        this.ttlMillis = auth.refreshTokenTtl().toMillis();
        this.clock = clock;
    }

    /** A new family id, for a sign-in. */
    public static String newFamily() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Stores and returns a new refresh token of the family, issued together with the given access token. */
    public String mint(String workspaceId, String userId, String familyId, String accessTokenId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + workspaceId + "-" + HexFormat.of().formatHex(secret);
        long now = clock.millis();
        repository.deleteExpired(workspaceId, userId, now);
        repository.insert(new StoredRefreshToken(workspaceId, hash(token), userId, familyId, accessTokenId, now,
                now + ttlMillis, null, false));
        return token;
    }

    /** Uses up a presented token: {@link Claimed} once, {@link Reused} (family revoked) after, else {@link Refused}. */
    public Claim claim(String presented) {
        Optional<String> workspaceId = workspaceOf(presented);
        if (workspaceId.isEmpty()) {
            return new Refused();
        }
        String hash = hash(presented);
        Optional<StoredRefreshToken> found = repository.find(workspaceId.get(), hash);
        if (found.isEmpty() || found.get().revoked() || found.get().expiresAt() <= clock.millis()) {
            return new Refused();
        }
        StoredRefreshToken token = found.get();
        if (token.rotatedAt() == null && repository.markRotated(token.workspaceId(), hash, clock.millis())) {
            return new Claimed(token.workspaceId(), token.userId(), token.familyId());
        }
        return new Reused(token.workspaceId(), token.userId(), token.familyId(),
                repository.revokeFamily(token.workspaceId(), token.familyId()));
    }

    /** Revokes the family the access token was issued in; its access token ids (empty when it has no family). */
    public List<String> revokeFamilyOf(String workspaceId, String accessTokenId) {
        return repository.familyOfAccessToken(workspaceId, accessTokenId)
                .map(family -> repository.revokeFamily(workspaceId, family))
                .orElse(List.of());
    }

    /** Revokes every refresh token of the user (deactivation). */
    public int revokeUser(String workspaceId, String userId) {
        return repository.revokeUser(workspaceId, userId);
    }

    private static Optional<String> workspaceOf(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 128) {
            return Optional.empty();
        }
        String[] parts = token.substring(PREFIX.length()).split("-", -1);
        if (parts.length != 2 || !Ids.looksLike(parts[0], 'T') || parts[1].length() != 64
                || !parts[1].chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return Optional.empty();
        }
        return Optional.of(parts[0]);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
