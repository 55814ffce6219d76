package dev.parley.workspace.invite;

import dev.parley.common.store.Inserts;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Invitations of each workspace, and the global token-hash → invitation lookup that accepting one starts from. */
@Repository
public class InvitationRepository {

    private static final String COLUMNS = "workspace_id, invite_id, email, real_name, role, channel_ids, invited_by, "
            + "token_hash, state, accepted_user, created_at, sent_at, expires_at";
    private static final RowMapper<Invitation> INVITATION = (rs, n) -> new Invitation(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6).isEmpty() ? List.of() : Arrays.asList(rs.getString(6).split(",")), rs.getString(7),
            rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11), rs.getLong(12), rs.getLong(13));

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the invitation and its token lookup; false (nothing stored) when the token hash is already known. */
    public boolean insert(Invitation i) {
        if (!Inserts.once(jdbc.sql("INSERT INTO invite_token (token_hash, workspace_id, invite_id) VALUES (?, ?, ?)")
                .params(i.tokenHash(), i.workspaceId(), i.id()))) {
            return false;
        }
        jdbc.sql("INSERT INTO invitation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(i.workspaceId(), i.id(), i.email(), i.realName(), i.role(), String.join(",", i.channelIds()),
                        i.invitedBy(), i.tokenHash(), i.state(), i.acceptedUser(), i.createdAt(), i.sentAt(),
                        i.expiresAt())
                .update();
        return true;
    }

    public Optional<Invitation> find(String workspaceId, String inviteId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE workspace_id = ? AND invite_id = ?")
                .params(workspaceId, inviteId)
                .query(INVITATION)
                .optional();
    }

    /** The invitation a token's hash belongs to, whatever its state. */
    public Optional<Invitation> byTokenHash(String tokenHash) {
        return jdbc.sql("SELECT workspace_id, invite_id FROM invite_token WHERE token_hash = ?")
                .param(tokenHash)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional()
                .flatMap(key -> find(key[0], key[1]))
                .filter(i -> i.tokenHash().equals(tokenHash));
    }

    /** The pending invitation of an email in the workspace, expired or not. */
    public Optional<Invitation> pendingFor(String workspaceId, String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE workspace_id = ? AND email = ? AND state = ?")
                .params(workspaceId, email, Invitation.PENDING)
                .query(INVITATION)
                .list()
                .stream()
                .findFirst();
    }

    /** Pending invitations not yet expired, by id, after the given id. */
    public List<Invitation> pending(String workspaceId, long nowSeconds, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE workspace_id = ? AND state = ? AND expires_at > ? "
                        + "AND invite_id > ? ORDER BY invite_id LIMIT ?")
                .params(workspaceId, Invitation.PENDING, nowSeconds, afterId, limit)
                .query(INVITATION)
                .list();
    }

    /** Gives a pending invitation a new token and expiry (a resend): the old link stops working. */
    public boolean renew(Invitation i, String newTokenHash, long sentAt, long expiresAt) {
        if (!Inserts.once(jdbc.sql("INSERT INTO invite_token (token_hash, workspace_id, invite_id) VALUES (?, ?, ?)")
                .params(newTokenHash, i.workspaceId(), i.id()))) {
            return false;
        }
        jdbc.sql("DELETE FROM invite_token WHERE token_hash = ?").param(i.tokenHash()).update();
        return jdbc.sql("UPDATE invitation SET token_hash = ?, sent_at = ?, expires_at = ? "
                        + "WHERE workspace_id = ? AND invite_id = ? AND state = ?")
                .params(newTokenHash, sentAt, expiresAt, i.workspaceId(), i.id(), Invitation.PENDING)
                .update() == 1;
    }

    /**
     * Moves a pending invitation to {@code accepted} (with the account made) or {@code revoked}; false when it was no
     * longer pending, which makes a token work once even when two people race with it.
     */
    public boolean close(String workspaceId, String inviteId, String state, String acceptedUser) {
        return jdbc.sql("UPDATE invitation SET state = ?, accepted_user = ? WHERE workspace_id = ? AND invite_id = ? "
                        + "AND state = ?")
                .params(state, acceptedUser, workspaceId, inviteId, Invitation.PENDING)
                .update() == 1;
    }
}
