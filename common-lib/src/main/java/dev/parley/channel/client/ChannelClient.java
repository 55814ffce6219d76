package dev.parley.channel.client;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** What other services ask of the channel service. In-process bean when co-located, HTTP otherwise. */
@HttpExchange("/internal/channel")
public interface ChannelClient {

    /**
     * What a user may do in a channel, decided by the channel service from the user's membership and role: a private
     * channel the user is not in does not exist for them, and for a guest neither does a public one it is not in.
     */
    @PostExchange("/access")
    ChannelAccess access(@RequestBody AccessQuery query);

    /**
     * Of the users named in {@code among} (or, when it is empty, of everyone after {@code afterUserId}), those who share
     * a conversation with the user, in id order, at most {@code limit}; the user shares one with themselves. What
     * {@link People} decides a guest may see.
     */
    @PostExchange("/co-members")
    Users coMembers(@RequestBody CoMembersQuery query);

    /**
     * The channels a user is a member of, each with its current event sequence: where a new socket's live stream of
     * each channel starts.
     */
    @PostExchange("/member-channels")
    MemberChannels memberChannels(@RequestBody MemberQuery query);

    /** The current event sequence of each channel (0 for a channel without events): how a gateway finds lost events. */
    @PostExchange("/heads")
    Heads heads(@RequestBody HeadsQuery query);

    /**
     * A page of a channel's events after a sequence number, in order: what a socket missed. With a user, only what
     * that user may see (a current member, or a former one up to their leaving), else {@code error} says why not:
     * {@code channel_not_found}, {@code invalid_cursor} (a sequence from the future), {@code resync_required} (older
     * than the events kept). Without a user, every event (a gateway filling a gap of its own).
     */
    @PostExchange("/events")
    EventsPage events(@RequestBody EventsQuery query);

    /** Moves a member's read marker (the socket's {@code mark} frame); failures come back as a Slack error code. */
    @PostExchange("/mark")
    MarkResult mark(@RequestBody MarkCommand command);

    /**
     * Adds a user to channels on an administrator's behalf (an accepted invitation, a new guest), each with its
     * {@code member_joined_channel} event and {@code channel_join} message. Channels that do not exist, are archived
     * or are DMs are skipped; the answer names the channels the user is in afterwards.
     */
    @PostExchange("/add-member")
    Joined addMember(@RequestBody JoinCommand command);

    record JoinCommand(String workspaceId, String userId, java.util.List<String> channelIds, String inviter) {
    }

    record Joined(java.util.List<String> channelIds) {
    }

    /** Moves the read marker of a user of the given role. */
    record MarkCommand(String workspaceId, String userId, String role, String channelId, String ts) {
    }

    record MarkResult(boolean ok, String error) {
    }

    /** A user's access to a channel; {@code role} is the user's {@link dev.parley.common.auth.MemberRole} id. */
    record AccessQuery(String workspaceId, String channelId, String userId, String role) {

        /** The caller's own access, with the role its token carries. */
        public static AccessQuery of(dev.parley.common.auth.Caller caller, String channelId) {
            return new AccessQuery(caller.workspaceId(), channelId, caller.userId(), caller.role());
        }
    }

    record CoMembersQuery(String workspaceId, String userId, java.util.List<String> among, String afterUserId, int limit) {
    }

    record Users(java.util.List<String> userIds) {
    }

    record MemberQuery(String workspaceId, String userId) {
    }

    /** A channel and the sequence number of its latest event. */
    record Head(String channelId, long seq) {
    }

    record MemberChannels(java.util.List<Head> channels) {
    }

    record HeadsQuery(String workspaceId, java.util.List<String> channelIds) {
    }

    record Heads(java.util.List<Head> channels) {
    }

    record EventsQuery(String workspaceId, String channelId, String userId, long afterSeq, int limit) {
    }

    /**
     * Events in sequence order; {@code more} when the page was full; {@code scannedTo} the last sequence number the
     * page covered, shown or not (events for other users are left out, and the reader goes on after them);
     * {@code error} instead when refused.
     */
    record EventsPage(String error, java.util.List<dev.parley.common.event.ChannelEvent> events, boolean more,
                      long scannedTo) {

        public static EventsPage refused(String error) {
            return new EventsPage(error, java.util.List.of(), false, 0);
        }
    }

    /**
     * Every conversation a user may read now, archived ones included: the workspace's public channels and the
     * private channels, DMs and group DMs the user is in; for a guest ({@code role}), only those it is in. What
     * search filters its matches by, asked at each search so a removed member stops seeing a channel at once.
     */
    @PostExchange("/readable-channels")
    ChannelSummaries readableChannels(@RequestBody ReadableQuery query);

    /** A user and its {@link dev.parley.common.auth.MemberRole} id. */
    record ReadableQuery(String workspaceId, String userId, String role) {
    }

    /**
     * A conversation in brief: {@code type} by the channel service's names ({@code channel}, {@code group},
     * {@code im}, {@code mpim}); {@code name} null for a DM (im), whose {@code imUser} is the other member as seen by the
     * user asked about (that user for their DM with themselves), null for other types.
     */
    record ChannelSummary(String id, String name, String type, boolean archived, String imUser) {
    }

    /** Conversations in brief, none when nothing matched. */
    record ChannelSummaries(java.util.List<ChannelSummary> channels) {

        public ChannelSummaries {
            channels = channels == null ? java.util.List.of() : java.util.List.copyOf(channels);
        }
    }

    /**
     * A page of a workspace's conversations of every type (archived ones and DMs too), their ids in order after
     * {@code afterId} (null or empty from the start), at most {@code limit} (1 to 1000): how a service that keeps
     * something per channel (the search indexer's reconcile sweep) walks a workspace. {@code more} when the page was
     * full.
     */
    @PostExchange("/channel-ids")
    ChannelIds channelIds(@RequestBody ChannelIdsQuery query);

    record ChannelIdsQuery(String workspaceId, String afterId, int limit) {
    }

    record ChannelIds(java.util.List<String> channelIds, boolean more) {
    }
}
