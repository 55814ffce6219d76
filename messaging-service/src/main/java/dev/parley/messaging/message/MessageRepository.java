package dev.parley.messaging.message;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages of channels, read newest first in ts ranges. */
@Repository
public class MessageRepository {

    private static final String COLUMNS = "workspace_id, channel_id, ts, user_id, subtype, text, client_msg_id";
    private static final RowMapper<Message> MESSAGE = (rs, n) -> new Message(rs.getString(1), rs.getString(2),
            rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Message m) {
        jdbc.sql("INSERT INTO message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(m.workspaceId(), m.channelId(), m.ts(), m.userId(), m.subtype(), m.text(), m.clientMsgId())
                .update();
    }

    public Optional<Message> findByClientMsgId(String workspaceId, String channelId, String userId, String clientMsgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE workspace_id = ? AND channel_id = ? "
                        + "AND client_msg_id = ? AND user_id = ?")
                .params(workspaceId, channelId, clientMsgId, userId)
                .query(MESSAGE)
                .optional();
    }

    /** Up to {@code limit} messages with {@code oldest <= ts <= latest}, newest first. */
    public List<Message> page(String workspaceId, String channelId, long oldest, long latest, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE workspace_id = ? AND channel_id = ? "
                        + "AND ts >= ? AND ts <= ? ORDER BY ts DESC LIMIT ?")
                .params(workspaceId, channelId, oldest, latest, limit)
                .query(MESSAGE)
                .list();
    }
}
