package dev.parley.presence.online;

import dev.parley.common.store.Inserts;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who set themselves away by hand ({@code users.setPresence presence=away}); they stay away until they set auto. */
@Repository
public class PresenceRepository {

    private static final int IN_LIST = 500;

    private final JdbcClient jdbc;

    PresenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the user away; false when they already were. */
    public boolean setAway(String workspaceId, String userId, long atMillis) {
        return Inserts.once(jdbc.sql("INSERT INTO presence_manual_away (workspace_id, user_id, set_at) VALUES (?, ?, ?)")
                .params(workspaceId, userId, atMillis));
    }

    /** Clears manual away; false when the user was not away. */
    public boolean clearAway(String workspaceId, String userId) {
        return jdbc.sql("DELETE FROM presence_manual_away WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId)
                .update() > 0;
    }

    /** Those of the given users of one workspace who are manually away. */
    public Set<String> awayAmong(String workspaceId, Collection<String> userIds) {
        List<String> ids = userIds.stream().distinct().toList();
        Set<String> away = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            away.addAll(jdbc.sql("SELECT user_id FROM presence_manual_away WHERE workspace_id = :workspace AND user_id IN (:users)")
                    .param("workspace", workspaceId)
                    .param("users", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                    .query(String.class)
                    .list());
        }
        return away;
    }
}
