package dev.parley.channel;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.conversation.ChannelService;
import org.springframework.web.bind.annotation.RestController;

/** The channel service's side of {@link ChannelClient}: the bean co-located callers use, and its HTTP endpoint. */
@RestController
class ChannelInternalController implements ChannelClient {

    private final ChannelService channels;

    ChannelInternalController(ChannelService channels) {
        this.channels = channels;
    }

    @Override
    public ChannelAccess access(AccessQuery query) {
        return channels.access(query.workspaceId(), query.channelId(), query.userId());
    }

    @Override
    public MemberChannels memberChannels(MemberQuery query) {
        return new MemberChannels(channels.memberChannels(query.workspaceId(), query.userId()));
    }
}
