package dev.parley.messaging.message;

import dev.parley.common.auth.BotProfile;
import dev.parley.common.json.SlackJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages of channels: the channel timeline (history), threads, and each message's mentions. */
@Repository
public class MessageRepository {

    private static final String COLUMNS = "workspace_id, channel_id, ts, user_id, subtype, text, blocks, attachments, "
            + "client_msg_id, thread_ts, reply_broadcast, reply_count, reply_users, reply_users_count, latest_reply, "
            + "edited_by, edited_ts, extras, bot_profile, files";
    private static final RowMapper<Message> MESSAGE = (rs, n) -> {
        String replyUsers = rs.getString(13);
        long threadTs = rs.getLong(10);
        Long thread = rs.wasNull() ? null : threadTs;
        long editedTs = rs.getLong(17);
        Message.Edit edit = rs.wasNull() ? null : new Message.Edit(rs.getString(16), editedTs);
        String extras = rs.getString(18);
        return new Message(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), extras == null ? null : readExtras(extras),
                rs.getString(9), thread, rs.getBoolean(11),
                new Message.ThreadSummary(rs.getInt(12),
                        replyUsers.isEmpty() ? List.of() : Arrays.asList(replyUsers.split(",")), rs.getInt(14),
                        rs.getLong(15)),
                edit, readBot(rs.getString(19)), rs.getString(20));
    };
    @SuppressWarnings("unchecked")
    private static BotProfile readBot(String json) {
        return json == null ? null : BotProfile.fromSlack(SlackJson.read(json, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> readExtras(String json) {
        return SlackJson.read(json, Map.class);
    }

    /** Channel history: top-level messages and replies broadcast to the channel. */
    static final String IN_HISTORY = "(thread_ts IS NULL OR reply_broadcast = TRUE)";

    /** One SQL for a single insert and a batch: bot_id and app_id are kept in columns of their own too, for finding a
     *  bot's or an app's messages. */
    private static final String INSERT = "INSERT INTO message (" + COLUMNS + ", bot_id, app_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', 0, 0, NULL, NULL, ?, ?, ?, ?, ?)";
    private static final String INSERT_MENTION =
            "INSERT INTO message_mention (workspace_id, channel_id, ts, mention) VALUES (?, ?, ?, ?)";

    private final JdbcTemplate template;
    private final JdbcClient jdbc;

    /** Public for tools that load a store directly (the benchmark's bulk load, through {@link HistoryImport}). */
    public MessageRepository(DataSource dataSource) {
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
    }

    public void insert(Message m, List<String> mentions) {
        jdbc.sql(INSERT).params(insertParams(m)).update();
        insertMentions(m, mentions);
    }

    /**
     * Inserts many messages, with the same rows as {@link #insert}, as one JDBC batch per statement: for a bulk load,
     * where a round trip per row would dominate.
     */
    public void insertAll(List<Message> batch, Function<Message, List<String>> mentionsOf) {
        template.batchUpdate(INSERT, batch.stream().map(MessageRepository::insertParams).toList());
        List<Object[]> mentions = new ArrayList<>();
        for (Message m : batch) {
            for (String mention : mentionsOf.apply(m)) {
                mentions.add(new Object[] {m.workspaceId(), m.channelId(), m.ts(), mention});
            }
        }
        if (!mentions.isEmpty()) {
            template.batchUpdate(INSERT_MENTION, mentions);
        }
    }

    private static Object[] insertParams(Message m) {
        return new Object[] {m.workspaceId(), m.channelId(), m.ts(), m.userId(), m.subtype(), m.text(), m.blocks(),
                m.attachments(), m.clientMsgId(), m.threadTs(), m.replyBroadcast(),
                m.extras().isEmpty() ? null : SlackJson.write(m.extras()),
                m.bot() == null ? null : SlackJson.write(m.bot().toSlack()), m.files(),
                m.bot() == null ? null : m.bot().id(), m.bot() == null ? null : m.bot().appId()};
    }

    public Optional<Message> find(String workspaceId, String channelId, long ts) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(workspaceId, channelId, ts)
                .query(MESSAGE)
                .optional();
    }

    public Optional<Message> findByClientMsgId(String workspaceId, String channelId, String userId, String clientMsgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE workspace_id = ? AND channel_id = ? "
                        + "AND client_msg_id = ? AND user_id = ?")
                .params(workspaceId, channelId, clientMsgId, userId)
                .query(MESSAGE)
                .optional();
    }

    /** Some messages in order and whether more matched after them. */
    public record Slice(List<Message> messages, boolean more) {
    }

    /** What a message weighs in a page: its content in characters as the store counts them, plus its fixed fields. */
    private static final String SIZE = "CHAR_LENGTH(text) + COALESCE(CHAR_LENGTH(blocks), 0) "
            + "+ COALESCE(CHAR_LENGTH(attachments), 0) + COALESCE(CHAR_LENGTH(extras), 0) + COALESCE(CHAR_LENGTH(files), 0)";
    static final int FIXED_CHARS = 200;

    /**
     * Up to {@code limit} history messages with {@code low <= ts <= high}, newest first, fewer when their content
     * would pass {@code maxChars} (but always one).
     */
    public Slice history(String workspaceId, String channelId, long low, long high, int limit, long maxChars) {
        return bounded("workspace_id = ? AND channel_id = ? AND " + IN_HISTORY + " AND ts >= ? AND ts <= ?",
                List.of(workspaceId, channelId, low, high), List.of("workspace_id", "channel_id", "ts"), true, limit,
                maxChars);
    }

    /** Up to {@code limit} replies of a thread with {@code low <= ts <= high}, oldest first, bounded like history. */
    public Slice replies(String workspaceId, String channelId, long threadTs, long low, long high, int limit,
                         long maxChars) {
        return bounded("workspace_id = ? AND channel_id = ? AND thread_ts = ? AND ts >= ? AND ts <= ?",
                List.of(workspaceId, channelId, threadTs, low, high),
                List.of("workspace_id", "channel_id", "thread_ts", "ts"), false, limit, maxChars);
    }

    /**
     * The messages matching {@code where} in ts order that fit in the page: their sizes are read first, then only the
     * rows that fit, so a page of big messages is never loaded whole. Their ts range is stable between the two reads
     * because a channel's ts commit in order; an edit in between can only change a message by one message's size.
     * They are ordered by every column of the index they are read by ({@code index}, ending in ts), not by ts alone,
     * though the others are fixed by {@code where}: H2 walks an index in order (forwards or backwards) to stop at the
     * limit only when the ORDER BY names its leading columns, and otherwise reads and sorts the whole range (a
     * million rows for the newest page of a big channel); MySQL and MariaDB do the same for either form.
     */
    private Slice bounded(String where, List<Object> params, List<String> index, boolean newestFirst, int limit,
                          long maxChars) {
        String order = order(index, newestFirst);
        List<Object> sizeParams = new java.util.ArrayList<>(params);
        sizeParams.add(limit + 1);
        List<long[]> sizes = jdbc.sql("SELECT ts, " + SIZE + " FROM message WHERE " + where + order + " LIMIT ?")
                .params(sizeParams)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        if (sizes.isEmpty()) {
            return new Slice(List.of(), false);
        }
        int fit = 0;
        long total = 0;
        while (fit < Math.min(limit, sizes.size())) {
            total += sizes.get(fit)[1] + FIXED_CHARS;
            if (total > maxChars && fit > 0) {
                break;
            }
            fit++;
        }
        long first = sizes.getFirst()[0];
        long last = sizes.get(fit - 1)[0];
        List<Object> rowParams = new java.util.ArrayList<>(params);
        rowParams.addAll(List.of(Math.min(first, last), Math.max(first, last), fit));
        List<Message> rows = jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE " + where + " AND ts >= ? AND ts <= ?"
                        + order + " LIMIT ?")
                .params(rowParams)
                .query(MESSAGE)
                .list();
        return new Slice(rows, sizes.size() > fit);
    }

    static String order(List<String> index, boolean newestFirst) {
        return " ORDER BY " + String.join(", ", index.stream().map(c -> newestFirst ? c + " DESC" : c).toList());
    }

    /** Recomputes a parent's thread summary from its replies. */
    public Message.ThreadSummary refreshThread(String workspaceId, String channelId, long threadTs) {
        List<String[]> byUser = jdbc.sql("SELECT user_id, MIN(ts), MAX(ts), COUNT(*) FROM message "
                        + "WHERE workspace_id = ? AND channel_id = ? AND thread_ts = ? GROUP BY user_id")
                .params(workspaceId, channelId, threadTs)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .list();
        int count = byUser.stream().mapToInt(r -> Integer.parseInt(r[3])).sum();
        long latest = byUser.stream().mapToLong(r -> Long.parseLong(r[2])).max().orElse(0);
        // Slack lists up to five repliers, in the order they first replied.
        List<String> users = byUser.stream().sorted((a, b) -> Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1])))
                .map(r -> r[0]).limit(5).toList();
        Message.ThreadSummary summary = new Message.ThreadSummary(count, users, byUser.size(), latest);
        jdbc.sql("UPDATE message SET reply_count = ?, reply_users = ?, reply_users_count = ?, latest_reply = ? "
                        + "WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(count, String.join(",", users), byUser.size(), latest, workspaceId, channelId, threadTs)
                .update();
        return summary;
    }

    public void update(Message m, List<String> mentions) {
        jdbc.sql("UPDATE message SET text = ?, blocks = ?, attachments = ?, edited_by = ?, edited_ts = ? "
                        + "WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(m.text(), m.blocks(), m.attachments(), m.edited().user(), m.edited().ts(),
                        m.workspaceId(), m.channelId(), m.ts())
                .update();
        deleteMentions(m.workspaceId(), m.channelId(), m.ts());
        insertMentions(m, mentions);
    }

    /**
     * Replaces the files a message shares (the files service updated one of them), leaving the rest of the message
     * as it is: not an edit, so neither {@code edited} nor the mentions change.
     */
    public void updateFiles(String workspaceId, String channelId, long ts, String files) {
        jdbc.sql("UPDATE message SET files = ? WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(files, workspaceId, channelId, ts)
                .update();
    }

    /** Turns a deleted thread parent into Slack's tombstone, so its replies keep their parent. */
    public void tombstone(String workspaceId, String channelId, long ts) {
        jdbc.sql("UPDATE message SET subtype = 'tombstone', text = 'This message was deleted.', blocks = NULL, "
                        + "attachments = NULL, files = NULL WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(workspaceId, channelId, ts)
                .update();
        deleteMentions(workspaceId, channelId, ts);
    }

    public void delete(String workspaceId, String channelId, long ts) {
        jdbc.sql("DELETE FROM message WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(workspaceId, channelId, ts)
                .update();
        deleteMentions(workspaceId, channelId, ts);
    }

    public List<String> mentions(String workspaceId, String channelId, long ts) {
        return jdbc.sql("SELECT mention FROM message_mention WHERE workspace_id = ? AND channel_id = ? AND ts = ? ORDER BY mention")
                .params(workspaceId, channelId, ts)
                .query(String.class)
                .list();
    }

    /** History messages after {@code afterTs}: all of them, and those not written by the user. */
    public long[] countAfter(String workspaceId, String channelId, long afterTs, String userId) {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(CASE WHEN user_id <> ? THEN 1 ELSE 0 END), 0) FROM message "
                        + "WHERE workspace_id = ? AND channel_id = ? AND " + IN_HISTORY + " AND ts > ?")
                .params(userId, workspaceId, channelId, afterTs)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    /**
     * History messages after {@code afterTs} of others that mention the user: by name (directly or through a user
     * group, stored as {@code user:U…}) or with {@code @channel}, {@code @here}, {@code @everyone}.
     */
    public long mentionsAfter(String workspaceId, String channelId, long afterTs, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM message m WHERE m.workspace_id = ? AND m.channel_id = ? AND m.ts > ? "
                        + "AND m.user_id <> ? AND (m.thread_ts IS NULL OR m.reply_broadcast = TRUE) AND EXISTS ("
                        + "SELECT 1 FROM message_mention mm WHERE mm.workspace_id = ? AND mm.channel_id = m.channel_id "
                        + "AND mm.ts = m.ts AND mm.mention IN (?, 'channel', 'here', 'everyone'))")
                .params(workspaceId, channelId, afterTs, userId, workspaceId, "user:" + userId)
                .query(Long.class)
                .single();
    }

    private void insertMentions(Message m, List<String> mentions) {
        for (String mention : mentions) {
            jdbc.sql(INSERT_MENTION)
                    .params(m.workspaceId(), m.channelId(), m.ts(), mention)
                    .update();
        }
    }

    private void deleteMentions(String workspaceId, String channelId, long ts) {
        jdbc.sql("DELETE FROM message_mention WHERE workspace_id = ? AND channel_id = ? AND ts = ?")
                .params(workspaceId, channelId, ts)
                .update();
    }

    /** Up to {@code limit} messages of a channel, replies included, with ts after {@code afterTs}, oldest first. */
    public List<Message> allAfter(String workspaceId, String channelId, long afterTs, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE workspace_id = ? AND channel_id = ? AND ts > ?"
                        + order(List.of("workspace_id", "channel_id", "ts"), false) + " LIMIT ?")
                .params(workspaceId, channelId, afterTs, limit)
                .query(MESSAGE)
                .list();
    }
}
