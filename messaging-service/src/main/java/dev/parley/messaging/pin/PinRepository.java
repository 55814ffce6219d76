package dev.parley.messaging.pin;

import dev.parley.common.store.Inserts;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages pinned to their channel. */
@Repository
public class PinRepository {

    /** A pinned message: its ts, who pinned it and when (epoch seconds). */
    public record Pin(long ts, String pinnedBy, long pinnedAt) {
    }

    private final JdbcClient jdbc;

    PinRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Pins; false when already pinned. */
    public boolean add(String workspaceId, String channelId, long ts, String userId, long at) {
        return Inserts.once(jdbc.sql("INSERT INTO message_pin (workspace_id, channel_id, ts, pinned_by, pinned_at) VALUES (?, ?, ?, ?, ?)")
                    .params(workspaceId, channelId, ts, userId, at));
    }

    public boolean remove(String workspaceId, String channelId, long ts) {
        return jdbc.sql("DELETE FROM message_pin WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(workspaceId, channelId, ts)
                .update() > 0;
    }

    /** The channel's pins, most recently pinned first. */
    public List<Pin> list(String workspaceId, String channelId) {
        return jdbc.sql("SELECT ts, pinned_by, pinned_at FROM message_pin WHERE workspace_id = ? AND channel_id = ? "
                        + "ORDER BY pinned_at DESC, ts DESC")
                .params(workspaceId, channelId)
                .query((rs, n) -> new Pin(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /** The pinned ts among the channel's messages with {@code low <= ts <= high}. */
    public List<Long> pinnedIn(String workspaceId, String channelId, long low, long high) {
        return jdbc.sql("SELECT ts FROM message_pin WHERE workspace_id = ? AND channel_id = ? AND ts >= ? AND ts <= ?")
                .params(workspaceId, channelId, low, high)
                .query(Long.class)
                .list();
    }

    public int count(String workspaceId, String channelId) {
        return jdbc.sql("SELECT COUNT(*) FROM message_pin WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId)
                .query(Integer.class).single();
    }
}
