package dev.parley.workspace.token;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refresh tokens by the SHA-256 of their text, grouped in families (one sign-in and every rotation after it). */
@Repository
class RefreshTokenRepository {

    /** One refresh token as stored; times in epoch milliseconds, {@code rotatedAt} null until it is exchanged. */
    record StoredRefreshToken(String workspaceId, String tokenHash, String userId, String familyId, String accessTokenId,
                              long createdAt, long expiresAt, Long rotatedAt, boolean revoked) {
    }

    private static final String COLUMNS =
            "workspace_id, token_hash, user_id, family_id, access_token_id, created_at, expires_at, rotated_at, revoked";
    private static final RowMapper<StoredRefreshToken> ROW = (rs, n) -> new StoredRefreshToken(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7),
            rs.getObject(8) == null ? null : rs.getLong(8), rs.getBoolean(9));

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredRefreshToken token) {
        jdbc.sql("INSERT INTO refresh_token (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(token.workspaceId(), token.tokenHash(), token.userId(), token.familyId(), token.accessTokenId(),
                        token.createdAt(), token.expiresAt(), token.rotatedAt(), token.revoked())
                .update();
    }

    Optional<StoredRefreshToken> find(String workspaceId, String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refresh_token WHERE workspace_id = ? AND token_hash = ?")
                .params(workspaceId, tokenHash)
                .query(ROW)
                .optional();
    }

    /** Marks the token exchanged; false when it already was, or was revoked: only one exchange of a token wins. */
    boolean markRotated(String workspaceId, String tokenHash, long at) {
        return jdbc.sql("UPDATE refresh_token SET rotated_at = ? WHERE workspace_id = ? AND token_hash = ? "
                        + "AND rotated_at IS NULL AND revoked = FALSE")
                .params(at, workspaceId, tokenHash)
                .update() == 1;
    }

    /** Revokes every token of the family; the access token ids issued with them, to revoke those too. */
    List<String> revokeFamily(String workspaceId, String familyId) {
        jdbc.sql("UPDATE refresh_token SET revoked = TRUE WHERE workspace_id = ? AND family_id = ?")
                .params(workspaceId, familyId)
                .update();
        return jdbc.sql("SELECT access_token_id FROM refresh_token WHERE workspace_id = ? AND family_id = ? "
                        + "ORDER BY created_at")
                .params(workspaceId, familyId)
                .query(String.class)
                .list();
    }

    /** Revokes every refresh token of the user; how many were not revoked yet. */
    int revokeUser(String workspaceId, String userId) {
        return jdbc.sql("UPDATE refresh_token SET revoked = TRUE WHERE workspace_id = ? AND user_id = ? AND revoked = FALSE")
                .params(workspaceId, userId)
                .update();
    }

    /** The family whose token was issued together with this access token, if any. */
    Optional<String> familyOfAccessToken(String workspaceId, String accessTokenId) {
        return jdbc.sql("SELECT family_id FROM refresh_token WHERE workspace_id = ? AND access_token_id = ?")
                .params(workspaceId, accessTokenId)
                .query(String.class)
                .optional();
    }

    /** Forgets the user's tokens that expired before {@code now}: they can neither be exchanged nor betray a theft. */
    int deleteExpired(String workspaceId, String userId, long now) {
        return jdbc.sql("DELETE FROM refresh_token WHERE workspace_id = ? AND user_id = ? AND expires_at < ?")
                .params(workspaceId, userId, now)
                .update();
    }
}
