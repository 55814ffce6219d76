package dev.parley.channel.conversation;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Channels and their members. */
@Repository
public class ChannelRepository {

    private static final String COLUMNS =
            "workspace_id, channel_id, name, channel_type, creator, created_at, is_archived, topic, purpose";
    private static final RowMapper<Channel> CHANNEL = (rs, n) -> new Channel(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getBoolean(7), rs.getString(8),
            rs.getString(9));

    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the channel; false (nothing stored) when its name is taken in the workspace. */
    public boolean insert(Channel c) {
        try {
            jdbc.sql("INSERT INTO channel (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(c.workspaceId(), c.id(), c.name(), c.type(), c.creator(), c.createdAt(), c.archived(),
                            c.topic(), c.purpose())
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    public Optional<Channel> find(String workspaceId, String channelId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM channel WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId)
                .query(CHANNEL)
                .optional();
    }

    /** Adds the member; false when already a member. */
    public boolean addMember(String workspaceId, String channelId, String userId, long joinedAt) {
        try {
            jdbc.sql("INSERT INTO channel_member (workspace_id, channel_id, user_id, joined_at, last_read) VALUES (?, ?, ?, ?, 0)")
                    .params(workspaceId, channelId, userId, joinedAt)
                    .update();
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    public boolean isMember(String workspaceId, String channelId, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM channel_member WHERE workspace_id = ? AND channel_id = ? AND user_id = ?")
                .params(workspaceId, channelId, userId)
                .query(Long.class).single() > 0;
    }

    public List<String> channelIdsOf(String workspaceId, String userId) {
        return jdbc.sql("SELECT channel_id FROM channel_member WHERE workspace_id = ? AND user_id = ? ORDER BY channel_id")
                .params(workspaceId, userId)
                .query(String.class)
                .list();
    }

    public long memberCount(String workspaceId, String channelId) {
        return jdbc.sql("SELECT COUNT(*) FROM channel_member WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId)
                .query(Long.class).single();
    }
}
