package dev.parley.presence.dnd;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Do-not-disturb snoozes: until when each user has paused notifications. */
@Repository
public class DndRepository {

    private static final int IN_LIST = 500;

    private final JdbcClient jdbc;

    DndRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts or moves the user's snooze to end at the given epoch second. */
    public void snooze(String workspaceId, String userId, long endSeconds) {
        jdbc.sql("INSERT INTO dnd_snooze (workspace_id, user_id, snooze_end) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE snooze_end = ?")
                .params(workspaceId, userId, endSeconds, endSeconds)
                .update();
    }

    /** Ends a snooze still running at {@code nowSeconds}; false when there was none. */
    public boolean endSnooze(String workspaceId, String userId, long nowSeconds) {
        return jdbc.sql("DELETE FROM dnd_snooze WHERE workspace_id = ? AND user_id = ? AND snooze_end > ?")
                .params(workspaceId, userId, nowSeconds)
                .update() > 0;
    }

    /** The stored snooze ends (epoch seconds, past ones included) of those given users who have one. */
    public Map<String, Long> snoozeEnds(String workspaceId, Collection<String> userIds) {
        List<String> ids = userIds.stream().distinct().toList();
        Map<String, Long> ends = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            jdbc.sql("SELECT user_id, snooze_end FROM dnd_snooze WHERE workspace_id = :workspace AND user_id IN (:users)")
                    .param("workspace", workspaceId)
                    .param("users", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                    .query((rs, n) -> ends.put(rs.getString(1), rs.getLong(2)))
                    .list();
        }
        return ends;
    }
}
