package dev.parley.channel.conversation;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.UserEvents;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.client.MessagingClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Each member's read marker (last_read) and the unread counts it implies. */
@Service
public class ReadMarkerService {

    /** A member's read state of one conversation. */
    public record ReadState(long lastRead, long unreadCount, long unreadCountDisplay, long mentionCount) {
    }

    private final ChannelRepository channels;
    private final ChannelService conversations;
    private final UserEvents userEvents;
    private final ObjectProvider<MessagingClient> messaging;

    ReadMarkerService(ChannelRepository channels, ChannelService conversations, UserEvents userEvents,
                      ObjectProvider<MessagingClient> messaging) {
        this.channels = channels;
        this.conversations = conversations;
        this.userEvents = userEvents;
        this.messaging = messaging;
    }

    /**
     * Moves the caller's marker and tells their sockets ({@code channel_marked}, {@code im_marked}, …) on the user
     * stream. A marker is one row of the caller's own, so no channel lock is taken, and the unread counts are asked of
     * the messaging service only after the write, outside any transaction.
     */
    public ReadState mark(Caller caller, String channelId, String ts) {
        Channel channel = ChannelService.requireWrite(caller, conversations.memberOnly(caller, channelId));
        long lastRead = Ts.parse(ts).orElseThrow(() -> new SlackApiException("invalid_timestamp"));
        channels.setLastRead(channel.workspaceId(), channel.id(), caller.userId(), lastRead);
        ReadState state = counts(channel, caller.userId(), lastRead);
        Map<String, Object> fields = new LinkedHashMap<>();
        String type = switch (channel.type()) {
            case Channel.IM -> "im_marked";
            case Channel.PRIVATE, Channel.MPIM -> "group_marked";
            default -> "channel_marked";
        };
        fields.put("type", type);
        fields.put("channel", channel.id());
        fields.put("ts", Ts.format(lastRead));
        fields.put("unread_count", state.unreadCount());
        fields.put("unread_count_display", state.unreadCountDisplay());
        fields.put("num_mentions", state.mentionCount());
        fields.put("num_mentions_display", state.mentionCount());
        fields.put("event_ts", Ts.format(Ts.nowMicros()));
        userEvents.deliver(channel.workspaceId(), List.of(caller.userId()), SlackJson.write(fields));
        return state;
    }

    /** The caller's read state, or null when they are not a member. */
    public ReadState state(Channel channel, String userId) {
        return channels.lastRead(channel.workspaceId(), channel.id(), userId)
                .map(lastRead -> counts(channel, userId, lastRead))
                .orElse(null);
    }

    private ReadState counts(Channel channel, String userId, long lastRead) {
        MessagingClient.UnreadCounts counts = messaging.getObject().unread(
                new MessagingClient.UnreadQuery(channel.workspaceId(), channel.id(), userId, lastRead));
        return new ReadState(lastRead, counts.count(), counts.countDisplay(), counts.mentions());
    }
}
