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
}
