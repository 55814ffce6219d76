package dev.parley.messaging.reaction;

import dev.parley.common.store.Inserts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Emoji reactions on messages, one row per (message, emoji, user). */
@Repository
public class ReactionRepository {

    /** One emoji on a message: who reacted with it, in order. */
    public record Reaction(String name, List<String> users) {
    }

    /** A message a user reacted to, and when they last did (epoch micros). */
    public record Reacted(String channelId, long ts, long lastAt) {
    }

    private final JdbcClient jdbc;

    ReactionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the reaction; false when the user already reacted with that emoji. */
    public boolean add(String workspaceId, String channelId, long ts, String name, String userId, long at) {
        return Inserts.once(jdbc.sql("INSERT INTO message_reaction (workspace_id, channel_id, ts, name, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(workspaceId, channelId, ts, name, userId, at));
    }

    public boolean remove(String workspaceId, String channelId, long ts, String name, String userId) {
        return jdbc.sql("DELETE FROM message_reaction WHERE workspace_id = ? AND channel_id = ? AND ts = ? AND name = ? AND user_id = ?")
                .params(workspaceId, channelId, ts, name, userId)
                .update() > 0;
    }

    public int distinctNames(String workspaceId, String channelId, long ts) {
        return jdbc.sql("SELECT COUNT(DISTINCT name) FROM message_reaction WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(workspaceId, channelId, ts)
                .query(Integer.class).single();
    }

    /** Reactions of the messages of one channel with {@code low <= ts <= high}, by message ts, in order of first use. */
    public Map<Long, List<Reaction>> forRange(String workspaceId, String channelId, long low, long high) {
        Map<Long, Map<String, List<String>>> byMessage = new LinkedHashMap<>();
        jdbc.sql("SELECT ts, name, user_id FROM message_reaction WHERE workspace_id = ? AND channel_id = ? "
                        + "AND ts >= ? AND ts <= ? ORDER BY ts, created_at")
                .params(workspaceId, channelId, low, high)
                .query(rs -> {
                    byMessage.computeIfAbsent(rs.getLong(1), t -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), n -> new ArrayList<>())
                            .add(rs.getString(3));
                });
        Map<Long, List<Reaction>> result = new LinkedHashMap<>();
        byMessage.forEach((ts, names) -> result.put(ts,
                names.entrySet().stream().map(e -> new Reaction(e.getKey(), List.copyOf(e.getValue()))).toList()));
        return result;
    }

    /** The channels in which a user has reacted to something. */
    public List<String> channelsOf(String workspaceId, String userId) {
        return jdbc.sql("SELECT DISTINCT channel_id FROM message_reaction WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId)
                .query(String.class)
                .list();
    }

    /**
     * The messages of these channels a user reacted to, newest reaction first, whose latest reaction is before
     * {@code beforeAt} (micros).
     */
    public List<Reacted> byUser(String workspaceId, String userId, Collection<String> channelIds, long beforeAt, int limit) {
        if (channelIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT channel_id, ts, MAX(created_at) AS last_at FROM message_reaction "
                        + "WHERE workspace_id = :ws AND user_id = :user AND channel_id IN (:channels) "
                        + "GROUP BY channel_id, ts HAVING MAX(created_at) < :before ORDER BY last_at DESC LIMIT :limit")
                .param("ws", workspaceId).param("user", userId).param("channels", channelIds)
                .param("before", beforeAt).param("limit", limit)
                .query((rs, n) -> new Reacted(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    public void deleteAll(String workspaceId, String channelId, long ts) {
        jdbc.sql("DELETE FROM message_reaction WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(workspaceId, channelId, ts)
                .update();
    }
}
