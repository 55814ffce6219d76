package dev.parley.search.indexing;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.store.Inserts;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Poison events (ones the indexer cannot turn into documents), kept with their error for an operator to look at. */
@Repository
class DeadLetters {

    static final int MAX_ERROR = 2000;

    /** One dead letter: the event and why it could not be indexed. */
    record DeadLetter(String workspaceId, String channelId, long seq, String type, String payload, String error,
                      long failedAt) {
    }

    private final JdbcClient jdbc;

    DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event; false when it was recorded before (a redelivery), so the caller logs it only once. */
    boolean record(ChannelEvent event, String error, long nowMillis) {
        String why = error == null ? "unknown" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        return Inserts.once(jdbc.sql("INSERT INTO search_dead_letter (workspace_id, channel_id, seq, event_type, "
                        + "payload, error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(event.workspaceId(), event.channelId(), event.seq(), event.type(),
                        event.payload() == null ? "" : event.payload(), why, nowMillis));
    }

    /** A workspace's dead letters, oldest first by channel and sequence, at most {@code limit}. */
    List<DeadLetter> list(String workspaceId, int limit) {
        return jdbc.sql("SELECT workspace_id, channel_id, seq, event_type, payload, error, failed_at "
                        + "FROM search_dead_letter WHERE workspace_id = ? ORDER BY workspace_id, channel_id, seq LIMIT ?")
                .params(workspaceId, limit)
                .query((rs, n) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7)))
                .list();
    }
}
