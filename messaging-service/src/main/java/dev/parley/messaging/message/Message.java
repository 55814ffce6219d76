package dev.parley.messaging.message;

import java.util.List;
import java.util.Map;

/**
 * One message in a channel, identified by its ts (epoch microseconds, unique and increasing per channel). A thread
 * reply has {@code threadTs} (its parent's ts); a parent carries its thread's summary. {@code extras} are the
 * fields a channel message adds to its JSON ({@code topic} of a {@code channel_topic} message, …).
 */
public record Message(String workspaceId, String channelId, long ts, String userId, String subtype, String text,
                      String blocks, String attachments, Map<String, String> extras, String clientMsgId, Long threadTs,
                      boolean replyBroadcast, ThreadSummary thread, Edit edited) {

    public Message {
        extras = extras == null ? Map.of() : Map.copyOf(extras);
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

    Message edited(String newText, String newBlocks, String newAttachments, Edit edit) {
        return new Message(workspaceId, channelId, ts, userId, subtype, newText, newBlocks, newAttachments, extras,
                clientMsgId, threadTs, replyBroadcast, thread, edit);
    }
}
