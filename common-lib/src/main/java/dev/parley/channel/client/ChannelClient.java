package dev.parley.channel.client;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** What other services ask of the channel service. In-process bean when co-located, HTTP otherwise. */
@HttpExchange("/internal/channel")
public interface ChannelClient {

    /** What a user may do in a channel; a private channel the user is not in does not exist for them. */
    @PostExchange("/access")
    ChannelAccess access(@RequestBody AccessQuery query);

    /** The ids of the channels a user is a member of, for routing live events to their sockets. */
    @PostExchange("/member-channels")
    MemberChannels memberChannels(@RequestBody MemberQuery query);

    /** Moves a member's read marker (the socket's {@code mark} frame); failures come back as a Slack error code. */
    @PostExchange("/mark")
    MarkResult mark(@RequestBody MarkCommand command);

    record MarkCommand(String workspaceId, String userId, String channelId, String ts) {
    }

    record MarkResult(boolean ok, String error) {
    }

    record AccessQuery(String workspaceId, String channelId, String userId) {
    }

    record MemberQuery(String workspaceId, String userId) {
    }

    record MemberChannels(java.util.List<String> channelIds) {
    }
}
