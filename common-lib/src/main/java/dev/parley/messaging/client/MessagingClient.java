package dev.parley.messaging.client;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** What other services (the gateway, for WebSocket sends) ask of the messaging service. */
@HttpExchange("/internal/messaging")
public interface MessagingClient {

    /** Posts a message as the given user; failures come back as a Slack error code, not an exception. */
    @PostExchange("/post")
    PostResult post(@RequestBody PostCommand command);

    /**
     * Posts a message as a bot user, for an incoming webhook: text, blocks and attachments (JSON arrays as text), in a
     * thread when {@code threadTs} is set. The same checks as {@code chat.postMessage}; failures come back as a Slack
     * error code ({@code channel_not_found}, {@code is_archived}, {@code not_in_channel}, {@code no_text}, …).
     */
    @PostExchange("/post-as-bot")
    PostResult postAsBot(@RequestBody BotPost post);

    record BotPost(String workspaceId, String botUserId, String channelId, String text, String blocks,
                   String attachments, String threadTs, dev.parley.common.auth.BotProfile bot) {
    }

    /**
     * Records a channel's own history entry for a change made elsewhere (Slack's {@code channel_join},
     * {@code channel_leave}, {@code channel_topic}, {@code channel_purpose}, {@code channel_name},
     * {@code channel_archive}, {@code channel_unarchive} messages). No permission check: the caller made the change.
     */
    @PostExchange("/system")
    PostResult postSystem(@RequestBody SystemPost post);

    record SystemPost(String workspaceId, String channelId, String userId, String subtype, String text,
                      java.util.Map<String, String> fields) {
    }

    /**
     * How many messages a member has not read: all after their marker, those not written by themselves, and those
     * of others that mention them (by name, through a user group, or with {@code @channel}, {@code @here},
     * {@code @everyone}).
     */
    @PostExchange("/unread")
    UnreadCounts unread(@RequestBody UnreadQuery query);

    record UnreadQuery(String workspaceId, String channelId, String userId, long afterTs) {
    }

    record UnreadCounts(long count, long countDisplay, long mentions) {
    }

    /**
     * A post by a user of the given role ({@link dev.parley.common.auth.MemberRole} id); {@code bot} is set when the
     * poster is a bot (its socket's token), so the message shows the bot as {@code chat.postMessage} would.
     */
    record PostCommand(String workspaceId, String userId, String role, String channelId, String text, String threadTs,
                       String clientMsgId, dev.parley.common.auth.BotProfile bot) {

        public PostCommand(String workspaceId, String userId, String role, String channelId, String text,
                           String threadTs, String clientMsgId) {
            this(workspaceId, userId, role, channelId, text, threadTs, clientMsgId, null);
        }
    }

    record PostResult(boolean ok, String error, String channelId, String ts, String text) {

        public static PostResult failed(String error) {
            return new PostResult(false, error, null, null, null);
        }
    }

    /**
     * The current state of some messages of a channel, for an index kept in step with it (search): each with the
     * names of its reactions and whether it is pinned, in the order asked; a ts that names no message (never posted,
     * or deleted) is left out. At most 500 ts a call. No permission check: the caller serves every channel.
     */
    @PostExchange("/messages")
    StoredMessages messages(@RequestBody MessagesQuery query);

    /**
     * A page of every message of a channel, thread replies and channel records included, with ts after
     * {@code afterTs} (null from the first), oldest first, at most {@code limit} (1 to 500), shaped like
     * {@link #messages}: what rebuilding an index reads. {@code more} when the page was full.
     */
    @PostExchange("/export")
    StoredMessages export(@RequestBody ExportQuery query);

    record MessagesQuery(String workspaceId, String channelId, java.util.List<String> ts) {
    }

    record ExportQuery(String workspaceId, String channelId, String afterTs, int limit) {
    }

    record StoredMessages(java.util.List<StoredMessage> messages, boolean more) {
    }

    /**
     * A message as stored now. {@code threadTs} is the parent's ts for a reply and the message's own ts for a parent
     * with replies ({@code replyCount} of them), else null; {@code blocks} and {@code attachments} are JSON arrays as
     * text, or null; {@code subtype} is Slack's ({@code thread_broadcast}, {@code bot_message}, {@code tombstone}
     * for a deleted parent whose replies remain, {@code channel_join} and the other channel records);
     * {@code fileIds} are the ids of the files it shares, deleted ones (tombstones) left out.
     */
    record StoredMessage(String workspaceId, String channelId, String ts, String threadTs, int replyCount,
                         String userId, String botId, String subtype, String text, String blocks, String attachments,
                         java.util.List<String> reactions, boolean pinned, java.util.List<String> fileIds) {

        public StoredMessage {
            // An older sender (or one that has no files to tell of) leaves it out.
            fileIds = fileIds == null ? java.util.List.of() : java.util.List.copyOf(fileIds);
        }

        /** A message that shares no files. */
        public StoredMessage(String workspaceId, String channelId, String ts, String threadTs, int replyCount,
                             String userId, String botId, String subtype, String text, String blocks,
                             String attachments, java.util.List<String> reactions, boolean pinned) {
            this(workspaceId, channelId, ts, threadTs, replyCount, userId, botId, subtype, text, blocks, attachments,
                    reactions, pinned, java.util.List.of());
        }
    }

    /**
     * Shares files into a conversation as one message by the user, as {@code files.completeUploadExternal} and
     * {@code files.upload} do: {@code text} is the initial comment (may be empty), {@code files} the Slack file objects
     * as a JSON array (text), shown in the message's {@code files}; in a thread when {@code threadTs} is set. The same
     * checks as {@code chat.postMessage} (membership, archived, thread); failures come back as a Slack error code.
     */
    @PostExchange("/share-files")
    PostResult shareFiles(@RequestBody FileShare share);

    record FileShare(String workspaceId, String userId, String role, String channelId, String threadTs, String text,
                     String files) {
    }

    /**
     * Replaces one file's object in the messages that share it (its processing finished, it was renamed, made public,
     * or deleted: then {@code file} is Slack's tombstone {@code {"id":"F…","mode":"tombstone"}}), each change a
     * {@code message_changed} event of its channel. Messages that are gone or do not carry the file are skipped.
     */
    @PostExchange("/update-file")
    FileUpdated updateFile(@RequestBody FileUpdate update);

    /** {@code file} is the new Slack file object (JSON text); {@code messages} where it is shared. */
    record FileUpdate(String workspaceId, String fileId, String file, java.util.List<MessageRef> messages) {
    }

    record MessageRef(String channelId, String ts) {
    }

    record FileUpdated(int messages) {
    }
}
