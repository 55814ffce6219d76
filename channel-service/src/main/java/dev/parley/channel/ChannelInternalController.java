package dev.parley.channel;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.conversation.ChannelDirectory;
import dev.parley.channel.conversation.ChannelRepository;
import dev.parley.channel.conversation.ChannelService;
import dev.parley.channel.conversation.MembershipService;
import dev.parley.channel.conversation.ReadMarkerService;
import dev.parley.channel.stream.ChannelStreamService;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import org.springframework.web.bind.annotation.RestController;

/** The channel service's side of {@link ChannelClient}: the bean co-located callers use, and its HTTP endpoint. */
@RestController
class ChannelInternalController implements ChannelClient {

    private final ChannelService channels;
    private final MembershipService membership;
    private final ReadMarkerService readMarkers;
    private final ChannelStreamService stream;
    private final ChannelDirectory directory;
    private final ChannelRepository repository;

    ChannelInternalController(ChannelService channels, MembershipService membership, ReadMarkerService readMarkers,
                              ChannelStreamService stream, ChannelDirectory directory, ChannelRepository repository) {
        this.channels = channels;
        this.membership = membership;
        this.readMarkers = readMarkers;
        this.stream = stream;
        this.directory = directory;
        this.repository = repository;
    }

    @Override
    public MarkResult mark(MarkCommand command) {
        try {
            readMarkers.mark(new Caller(command.workspaceId(), command.userId(), command.role()), command.channelId(),
                    command.ts());
            return new MarkResult(true, null);
        } catch (SlackApiException e) {
            return new MarkResult(false, e.error());
        }
    }

    @Override
    public Joined addMember(JoinCommand command) {
        return new Joined(membership.addToChannels(command.workspaceId(), command.userId(),
                command.channelIds() == null ? java.util.List.of() : command.channelIds(), command.inviter()));
    }

    @Override
    public ChannelAccess access(AccessQuery query) {
        if (query.workspaceId() == null || query.userId() == null) {
            return ChannelAccess.invisible();
        }
        return channels.access(new Caller(query.workspaceId(), query.userId(), query.role()), query.channelId());
    }

    @Override
    public Users coMembers(CoMembersQuery query) {
        if (query.workspaceId() == null || query.userId() == null) {
            return new Users(java.util.List.of());
        }
        return new Users(membership.coMembers(query.workspaceId(), query.userId(), query.among(), query.afterUserId(),
                query.limit()));
    }

    @Override
    public MemberChannels memberChannels(MemberQuery query) {
        return new MemberChannels(stream.memberChannels(query.workspaceId(), query.userId()));
    }

    @Override
    public Heads heads(HeadsQuery query) {
        return new Heads(stream.heads(query.workspaceId(), query.channelIds() == null ? java.util.List.of() : query.channelIds()));
    }

    @Override
    public EventsPage events(EventsQuery query) {
        return stream.events(query);
    }

    @Override
    public ChannelSummaries readableChannels(ReadableQuery query) {
        if (query.workspaceId() == null || query.userId() == null) {
            return new ChannelSummaries(java.util.List.of());
        }
        return new ChannelSummaries(directory.readable(new Caller(query.workspaceId(), query.userId(), query.role())));
    }

    @Override
    public ChannelIds channelIds(ChannelIdsQuery query) {
        if (query.workspaceId() == null) {
            return new ChannelIds(java.util.List.of(), false);
        }
        int limit = Math.clamp(query.limit(), 1, 1000);
        java.util.List<String> ids = repository.idsAfter(query.workspaceId(), query.afterId(), limit);
        return new ChannelIds(ids, ids.size() == limit);
    }
}
