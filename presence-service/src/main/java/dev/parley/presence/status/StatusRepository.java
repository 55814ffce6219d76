package dev.parley.presence.status;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's custom status, as last set. */
@Repository
public class StatusRepository {

    private final JdbcClient jdbc;

    StatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(String workspaceId, String userId, CustomStatus status, long atSeconds) {
        jdbc.sql("INSERT INTO custom_status (workspace_id, user_id, status_text, status_emoji, status_expiration, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE status_text = ?, status_emoji = ?, "
                        + "status_expiration = ?, updated_at = ?")
                .params(workspaceId, userId, status.text(), status.emoji(), status.expiration(), atSeconds,
                        status.text(), status.emoji(), status.expiration(), atSeconds)
                .update();
    }

    /** The stored status, lapsed or not. */
    public Optional<CustomStatus> find(String workspaceId, String userId) {
        return jdbc.sql("SELECT status_text, status_emoji, status_expiration FROM custom_status "
                        + "WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId)
                .query((rs, n) -> new CustomStatus(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .optional();
    }
}
