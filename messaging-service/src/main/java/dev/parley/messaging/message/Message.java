package dev.parley.messaging.message;

import dev.parley.common.auth.BotProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One message in a channel, identified by its ts (epoch microseconds, unique and increasing per channel). A thread
 * reply has {@code threadTs} (its parent's ts); a parent carries its thread's summary. {@code extras} are the
 * fields a channel message adds to its JSON ({@code topic} of a {@code channel_topic} message, …). {@code bot} is
 * the bot that posted it (a bot token or an incoming webhook), as it was then; null for people and channel records.
 * {@code files} are the Slack file objects it shares, a JSON array as text (null for a message without files).
 */
public record Message(String workspaceId, String channelId, long ts, String userId, String subtype, String text,
                      String blocks, String attachments, Map<String, String> extras, String clientMsgId, Long threadTs,
                      boolean replyBroadcast, ThreadSummary thread, Edit edited, BotProfile bot, String files) {

    /** What an incoming webhook posts, as Slack marks it. */
    public static final String BOT_MESSAGE = "bot_message";
    /** The subtypes of messages their users write; any other subtype is the channel's own record (joins, topic, …). */
    private static final Set<String> WRITTEN_SUBTYPES = Set.of("thread_broadcast", BOT_MESSAGE);

    public Message {
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    public Message(String workspaceId, String channelId, long ts, String userId, String subtype, String text,
                   String blocks, String attachments, Map<String, String> extras, String clientMsgId, Long threadTs,
                   boolean replyBroadcast, ThreadSummary thread, Edit edited) {
        this(workspaceId, channelId, ts, userId, subtype, text, blocks, attachments, extras, clientMsgId, threadTs,
                replyBroadcast, thread, edited, null, null);
    }

    public Message(String workspaceId, String channelId, long ts, String userId, String subtype, String text,
                   String blocks, String attachments, Map<String, String> extras, String clientMsgId, Long threadTs,
                   boolean replyBroadcast, ThreadSummary thread, Edit edited, BotProfile bot) {
        this(workspaceId, channelId, ts, userId, subtype, text, blocks, attachments, extras, clientMsgId, threadTs,
                replyBroadcast, thread, edited, bot, null);
    }

    /** What a parent shows of its replies. */
    public record ThreadSummary(int replyCount, List<String> replyUsers, int replyUsersCount, long latestReply) {
        public static final ThreadSummary NONE = new ThreadSummary(0, List.of(), 0, 0);
    }

    /** The last edit: who and when (epoch micros). */
    public record Edit(String user, long ts) {
    }

    public boolean isReply() {
        return threadTs != null && threadTs != ts;
    }

    public boolean hasReplies() {
        return thread.replyCount() > 0;
    }

    /**
     * A channel message ({@code channel_join}, {@code channel_leave}, {@code channel_topic}, …): the record of a
     * change to the channel, which nobody edits or deletes, not even the user it is about.
     */
    public boolean isChannelRecord() {
        return subtype != null && !WRITTEN_SUBTYPES.contains(subtype);
    }

    /** Roughly what the message weighs in a page, in characters, as {@link MessageRepository} counts it. */
    public long size() {
        return text.length() + (blocks == null ? 0 : blocks.length()) + (attachments == null ? 0 : attachments.length())
                + (files == null ? 0 : files.length())
                + extras.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum()
                + MessageRepository.FIXED_CHARS;
    }

    Message edited(String newText, String newBlocks, String newAttachments, Edit edit) {
        return new Message(workspaceId, channelId, ts, userId, subtype, newText, newBlocks, newAttachments, extras,
                clientMsgId, threadTs, replyBroadcast, thread, edit, bot, files);
    }

    /** The same message sharing these files instead (one of them updated by the files service); not an edit. */
    Message withFiles(String newFiles) {
        return new Message(workspaceId, channelId, ts, userId, subtype, text, blocks, attachments, extras, clientMsgId,
                threadTs, replyBroadcast, thread, edited, bot, newFiles);
    }
}
