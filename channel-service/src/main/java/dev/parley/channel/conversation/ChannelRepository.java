package dev.parley.channel.conversation;

import dev.parley.common.store.Inserts;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Channels, their members and read markers, and the DM lookup. */
@Repository
public class ChannelRepository {

    private static final String COLUMNS = "workspace_id, channel_id, COALESCE(name, dm_name), channel_type, creator, "
            + "created_at, is_archived, topic, topic_creator, topic_last_set, purpose, purpose_creator, purpose_last_set";
    private static final RowMapper<Channel> CHANNEL = (rs, n) -> new Channel(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getBoolean(7),
            new Channel.Topic(rs.getString(8), rs.getString(9), rs.getLong(10)),
            new Channel.Topic(rs.getString(11), rs.getString(12), rs.getLong(13)));

    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the channel; false (nothing stored) when its name is taken in the workspace. A DM's or group DM's name
     * is kept apart from channel names (dm_name), which alone are unique, so the two can never collide.
     */
    public boolean insert(Channel c) {
        return Inserts.once(jdbc.sql("INSERT INTO channel (workspace_id, channel_id, name, dm_name, channel_type, creator, "
                        + "created_at, is_archived, topic, topic_creator, topic_last_set, purpose, purpose_creator, "
                        + "purpose_last_set) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(c.workspaceId(), c.id(), c.isDirect() ? null : c.name(), c.isDirect() ? c.name() : null,
                            c.type(), c.creator(), c.createdAt(), c.archived(),
                            c.topic().value(), c.topic().creator(), c.topic().lastSet(),
                            c.purpose().value(), c.purpose().creator(), c.purpose().lastSet()));
    }

    public Optional<Channel> find(String workspaceId, String channelId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM channel WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId)
                .query(CHANNEL)
                .optional();
    }

    /** A channel and whether one user is a member of it. */
    public record SeenBy(Channel channel, boolean member) {
    }

    /**
     * The channel and whether the user is a member of it, read in one statement: the access check that every post,
     * read and reaction makes.
     */
    public Optional<SeenBy> findSeenBy(String workspaceId, String channelId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + ", (SELECT COUNT(*) FROM channel_member m WHERE m.workspace_id = ? "
                        + "AND m.channel_id = ? AND m.user_id = ?) FROM channel WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId, userId, workspaceId, channelId)
                .query((rs, n) -> new SeenBy(CHANNEL.mapRow(rs, n), rs.getInt(14) > 0))
                .optional();
    }

    /** Renames a channel (never a DM, whose name follows its members); false when the name is taken. */
    public boolean rename(String workspaceId, String channelId, String name) {
        return Inserts.once(jdbc.sql("UPDATE channel SET name = ? WHERE workspace_id = ? AND channel_id = ?")
                    .params(name, workspaceId, channelId));
    }

    public void setTopic(String workspaceId, String channelId, Channel.Topic topic) {
        jdbc.sql("UPDATE channel SET topic = ?, topic_creator = ?, topic_last_set = ? WHERE workspace_id = ? AND channel_id = ?")
                .params(topic.value(), topic.creator(), topic.lastSet(), workspaceId, channelId)
                .update();
    }

    public void setPurpose(String workspaceId, String channelId, Channel.Topic purpose) {
        jdbc.sql("UPDATE channel SET purpose = ?, purpose_creator = ?, purpose_last_set = ? "
                        + "WHERE workspace_id = ? AND channel_id = ?")
                .params(purpose.value(), purpose.creator(), purpose.lastSet(), workspaceId, channelId)
                .update();
    }

    /** Makes a channel public ({@link Channel#PUBLIC}) or private ({@link Channel#PRIVATE}); its id stays. */
    public void setType(String workspaceId, String channelId, String type) {
        jdbc.sql("UPDATE channel SET channel_type = ? WHERE workspace_id = ? AND channel_id = ?")
                .params(type, workspaceId, channelId)
                .update();
    }

    public void setArchived(String workspaceId, String channelId, boolean archived) {
        jdbc.sql("UPDATE channel SET is_archived = ? WHERE workspace_id = ? AND channel_id = ?")
                .params(archived, workspaceId, channelId)
                .update();
    }

    /**
     * A page of the channels a user can see, ordered by id after {@code afterId}: public channels of the workspace
     * and the other types only where the user is a member.
     */
    public List<Channel> visible(String workspaceId, String userId, Collection<String> types, boolean excludeArchived,
                                 String afterId, int limit) {
        return page("(channel_type = 'channel' OR channel_id IN " + MEMBERSHIPS + ")",
                workspaceId, userId, types, excludeArchived, afterId, limit);
    }

    /** A page of the channels a user is a member of, ordered by id after {@code afterId}. */
    public List<Channel> memberOf(String workspaceId, String userId, Collection<String> types, boolean excludeArchived,
                                  String afterId, int limit) {
        return page("channel_id IN " + MEMBERSHIPS, workspaceId, userId, types, excludeArchived, afterId, limit);
    }

    private static final String MEMBERSHIPS =
            "(SELECT channel_id FROM channel_member WHERE workspace_id = :ws AND user_id = :user)";

    private List<Channel> page(String which, String workspaceId, String userId, Collection<String> types,
                               boolean excludeArchived, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM channel WHERE workspace_id = :ws AND channel_type IN (:types) "
                        + "AND " + which + " " + (excludeArchived ? "AND is_archived = FALSE " : "")
                        + "AND channel_id > :after ORDER BY channel_id LIMIT :limit")
                .param("ws", workspaceId).param("types", types).param("user", userId).param("after", afterId)
                .param("limit", limit)
                .query(CHANNEL)
                .list();
    }

    /** Adds the member; false when already a member. */
    public boolean addMember(String workspaceId, String channelId, String userId, long joinedAt) {
        return Inserts.once(jdbc.sql("INSERT INTO channel_member (workspace_id, channel_id, user_id, joined_at, last_read) VALUES (?, ?, ?, ?, 0)")
                    .params(workspaceId, channelId, userId, joinedAt));
    }

    /** Removes the member; false when not a member. */
    public boolean removeMember(String workspaceId, String channelId, String userId) {
        return jdbc.sql("DELETE FROM channel_member WHERE workspace_id = ? AND channel_id = ? AND user_id = ?")
                .params(workspaceId, channelId, userId)
                .update() > 0;
    }

    public boolean isMember(String workspaceId, String channelId, String userId) {
        return lastRead(workspaceId, channelId, userId).isPresent();
    }

    /** The member's read marker (epoch micros of the last read ts); empty when not a member. */
    public Optional<Long> lastRead(String workspaceId, String channelId, String userId) {
        return jdbc.sql("SELECT last_read FROM channel_member WHERE workspace_id = ? AND channel_id = ? AND user_id = ?")
                .params(workspaceId, channelId, userId)
                .query(Long.class)
                .optional();
    }

    public void setLastRead(String workspaceId, String channelId, String userId, long lastRead) {
        jdbc.sql("UPDATE channel_member SET last_read = ? WHERE workspace_id = ? AND channel_id = ? AND user_id = ?")
                .params(lastRead, workspaceId, channelId, userId)
                .update();
    }

    public List<String> channelIdsOf(String workspaceId, String userId) {
        return jdbc.sql("SELECT channel_id FROM channel_member WHERE workspace_id = ? AND user_id = ? ORDER BY channel_id")
                .params(workspaceId, userId)
                .query(String.class)
                .list();
    }

    /** A page of member ids ordered by id after {@code afterUserId}. */
    public List<String> members(String workspaceId, String channelId, String afterUserId, int limit) {
        return jdbc.sql("SELECT user_id FROM channel_member WHERE workspace_id = ? AND channel_id = ? AND user_id > ? "
                        + "ORDER BY user_id LIMIT ?")
                .params(workspaceId, channelId, afterUserId, limit)
                .query(String.class)
                .list();
    }

    public long memberCount(String workspaceId, String channelId) {
        return jdbc.sql("SELECT COUNT(*) FROM channel_member WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId)
                .query(Long.class).single();
    }

    /**
     * The users who share a conversation with {@code userId}, in id order after {@code afterUserId}, at most
     * {@code limit}; only those in {@code among} when it is not empty.
     */
    public List<String> coMembers(String workspaceId, String userId, Collection<String> among, String afterUserId,
                                  int limit) {
        JdbcClient.StatementSpec query = jdbc.sql("SELECT DISTINCT m.user_id FROM channel_member m "
                        + "WHERE m.workspace_id = :ws AND m.channel_id IN " + MEMBERSHIPS + " AND m.user_id > :after "
                        + (among.isEmpty() ? "" : "AND m.user_id IN (:among) ") + "ORDER BY m.user_id LIMIT :limit")
                .param("ws", workspaceId).param("user", userId).param("after", afterUserId).param("limit", limit);
        return (among.isEmpty() ? query : query.param("among", among)).query(String.class).list();
    }

    /**
     * Gives a single-channel guest its one channel: true when it holds no channel yet or already holds this one,
     * false when it holds another. The primary key decides, so two invitations racing cannot both win.
     */
    public boolean takeGuestSeat(String workspaceId, String userId, String channelId) {
        if (Inserts.once(jdbc.sql("INSERT INTO single_channel_guest (workspace_id, user_id, channel_id) VALUES (?, ?, ?)")
                .params(workspaceId, userId, channelId))) {
            return true;
        }
        return jdbc.sql("SELECT channel_id FROM single_channel_guest WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId)
                .query(String.class)
                .optional()
                .map(channelId::equals)
                .orElse(false);
    }

    /** Frees a single-channel guest's seat when it leaves that channel; nothing for anyone else. */
    public void releaseGuestSeat(String workspaceId, String userId, String channelId) {
        jdbc.sql("DELETE FROM single_channel_guest WHERE workspace_id = ? AND user_id = ? AND channel_id = ?")
                .params(workspaceId, userId, channelId)
                .update();
    }

    public Optional<String> findDirect(String workspaceId, String memberKey) {
        return jdbc.sql("SELECT channel_id FROM dm_lookup WHERE workspace_id = ? AND member_key = ?")
                .params(workspaceId, memberKey)
                .query(String.class)
                .optional();
    }

    /** Records the DM of these members; false when another request created it first. */
    public boolean insertDirect(String workspaceId, String memberKey, String channelId) {
        return Inserts.once(jdbc.sql("INSERT INTO dm_lookup (workspace_id, member_key, channel_id) VALUES (?, ?, ?)")
                    .params(workspaceId, memberKey, channelId));
    }

    /**
     * For each of these DMs, its member other than {@code userId}; a DM of the user with themselves has none and is
     * left out. One query per page of ids, not one per DM.
     */
    public java.util.Map<String, String> directPartners(String workspaceId, String userId, Collection<String> imIds) {
        java.util.Map<String, String> partners = new java.util.HashMap<>();
        List<String> ids = List.copyOf(imIds);
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("SELECT channel_id, user_id FROM channel_member WHERE workspace_id = :ws "
                            + "AND channel_id IN (:ids) AND user_id <> :user")
                    .param("ws", workspaceId).param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .param("user", userId)
                    .query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getString(2)))
                    .list()
                    .forEach(e -> partners.put(e.getKey(), e.getValue()));
        }
        return partners;
    }

    /** Up to {@code limit} ids of a workspace's conversations of every type after {@code afterId}, in id order. */
    public List<String> idsAfter(String workspaceId, String afterId, int limit) {
        return jdbc.sql("SELECT channel_id FROM channel WHERE workspace_id = ? AND channel_id > ? ORDER BY channel_id LIMIT ?")
                .params(workspaceId, afterId == null ? "" : afterId, limit)
                .query(String.class)
                .list();
    }
}
