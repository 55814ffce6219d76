package dev.parley.channel.conversation;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.event.ChannelEvent;
import dev.parley.workspace.client.WorkspaceClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Who is in a conversation: joining, leaving, inviting, kicking, and listing members and a user's conversations. */
@Service
public class MembershipService {

    static final int MAX_INVITES = 1000;
    static final int MAX_CO_MEMBERS = 5000;

    private final ChannelRepository channels;
    private final ChannelService conversations;
    private final ChannelEvents events;
    private final ObjectProvider<WorkspaceClient> workspace;
    private final ChannelMessages channelMessages;
    private final TransactionTemplate tx;

    MembershipService(ChannelRepository channels, ChannelService conversations, ChannelEvents events,
                      ObjectProvider<WorkspaceClient> workspace, ChannelMessages channelMessages, TransactionTemplate tx) {
        this.channels = channels;
        this.conversations = conversations;
        this.events = events;
        this.workspace = workspace;
        this.channelMessages = channelMessages;
        this.tx = tx;
    }

    /**
     * Adds a user to channels on an administrator's behalf (a new account's invited channels): each channel in a
     * transaction of its own, so no two channels' sequences are locked together. Channels that do not exist, are
     * archived or are DMs are skipped, and so is every channel after the first for a single-channel guest (its one
     * seat, as {@link #invite} keeps it). Returns the channels the user is in afterwards, of those named.
     */
    public List<String> addToChannels(String workspaceId, String userId, List<String> channelIds, String inviter) {
        // The role is asked before any transaction starts.
        boolean singleChannelGuest = workspace.getObject().activeMembers(
                        new WorkspaceClient.UserIds(workspaceId, List.of(userId))).members().stream()
                .anyMatch(m -> MemberRole.SINGLE_CHANNEL_GUEST.id().equals(m.role()));
        List<String> in = new ArrayList<>();
        for (String channelId : channelIds.stream().distinct().limit(MAX_INVITES).toList()) {
            Boolean member = tx.execute(s -> {
                Channel channel = channels.find(workspaceId, channelId).orElse(null);
                if (channel == null || channel.archived() || channel.isDirect()) {
                    return false;
                }
                if (singleChannelGuest && !channels.takeGuestSeat(workspaceId, userId, channel.id())) {
                    return false;
                }
                add(channel, userId, inviter);
                return true;
            });
            if (Boolean.TRUE.equals(member)) {
                in.add(channelId);
            }
        }
        return in;
    }

    /** Joins a public channel; true when the caller was not a member before. */
    @Transactional
    public boolean join(Caller caller, String channelId) {
        Channel channel = conversations.visible(caller, channelId);
        if (channel.isPrivate()) {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }
        if (channel.archived()) {
            throw new SlackApiException("is_archived");
        }
        return add(channel, caller.userId(), null);
    }

    /** Leaves; false when the caller was not a member. */
    @Transactional
    public boolean leave(Caller caller, String channelId) {
        Channel channel = ChannelService.requireWrite(caller, conversations.visible(caller, channelId));
        if (Channel.IM.equals(channel.type())) {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }
        if (channel.archived()) {
            throw new SlackApiException("is_archived");
        }
        return remove(channel, caller.userId(), null);
    }

    /**
     * Adds people to a channel the caller is in. The invitees' roles are asked of the workspace service first,
     * outside the transaction; a single-channel guest already in another channel fails the whole call with
     * {@code ura_max_channels}.
     */
    public Channel invite(Caller caller, String channelId, List<String> userIds) {
        invitable(caller, channelId);
        if (userIds.isEmpty()) {
            throw new SlackApiException("no_user");
        }
        if (userIds.size() > MAX_INVITES) {
            throw new SlackApiException("too_many_users");
        }
        if (userIds.contains(caller.userId())) {
            throw new SlackApiException("cant_invite_self");
        }
        List<WorkspaceClient.Member> found = workspace.getObject().activeMembers(
                new WorkspaceClient.UserIds(caller.workspaceId(), userIds)).members();
        if (found.size() != userIds.stream().distinct().count()) {
            throw new SlackApiException("user_not_found");
        }
        return tx.execute(status -> {
            // Checked again: the caller may have left, or the channel been archived, during the lookup.
            Channel channel = invitable(caller, channelId);
            boolean anyAdded = false;
            for (WorkspaceClient.Member member : found) {
                if (MemberRole.SINGLE_CHANNEL_GUEST.id().equals(member.role())
                        && !channels.takeGuestSeat(channel.workspaceId(), member.userId(), channel.id())) {
                    throw new SlackApiException("ura_max_channels");
                }
                anyAdded |= add(channel, member.userId(), caller.userId());
            }
            if (!anyAdded) {
                throw new SlackApiException("already_in_channel");
            }
            return channel;
        });
    }

    private Channel invitable(Caller caller, String channelId) {
        Channel channel = ChannelService.requireWrite(caller, conversations.memberOnly(caller, channelId));
        if (channel.isDirect()) {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }
        if (channel.archived()) {
            throw new SlackApiException("is_archived");
        }
        return channel;
    }

    @Transactional
    public void kick(Caller caller, String channelId, String userId) {
        Channel channel = ChannelService.requireWrite(caller, conversations.memberOnly(caller, channelId));
        if (channel.isDirect()) {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }
        if (userId == null) {
            throw new SlackApiException("user_not_found");
        }
        if (userId.equals(caller.userId())) {
            throw new SlackApiException("cant_kick_self");
        }
        if (!caller.isAdmin() && !caller.userId().equals(channel.creator())) {
            throw new SlackApiException("restricted_action");
        }
        if (!remove(channel, userId, caller.userId())) {
            throw new SlackApiException("not_in_channel");
        }
    }

    public List<String> members(Caller caller, String channelId, String afterUserId, int limit) {
        Channel channel = ChannelService.requireRead(caller, conversations.visible(caller, channelId));
        return channels.members(channel.workspaceId(), channel.id(), afterUserId, limit);
    }

    /**
     * A page of the conversations a user is in. For another user, only those the caller can see too
     * ({@link ChannelService#readable}).
     */
    public List<Channel> conversationsOf(Caller caller, String userId, Collection<String> types, boolean excludeArchived,
                                         String afterId, int limit) {
        String who = userId == null ? caller.userId() : userId;
        if (who.equals(caller.userId())) {
            return channels.memberOf(caller.workspaceId(), who, types, excludeArchived, afterId, limit);
        }
        List<Channel> visible = new ArrayList<>();
        String after = afterId;
        while (visible.size() < limit) {
            List<Channel> batch = channels.memberOf(caller.workspaceId(), who, types, excludeArchived, after, limit);
            for (Channel c : batch) {
                if (conversations.readable(c, caller)) {
                    visible.add(c);
                }
            }
            if (batch.size() < limit) {
                break;
            }
            after = batch.getLast().id();
        }
        return visible.size() > limit ? visible.subList(0, limit) : visible;
    }

    /** See {@link dev.parley.channel.client.ChannelClient#coMembers}. */
    public List<String> coMembers(String workspaceId, String userId, List<String> among, String afterUserId, int limit) {
        int max = Math.clamp(limit, 1, MAX_CO_MEMBERS);
        String after = afterUserId == null ? "" : afterUserId;
        List<String> only = among == null ? List.of() : among.stream().limit(MAX_CO_MEMBERS).toList();
        TreeSet<String> found = new TreeSet<>(channels.coMembers(workspaceId, userId, only, after, max));
        // Everyone shares a conversation with themselves, even before joining any.
        if (userId.compareTo(after) > 0 && (only.isEmpty() || only.contains(userId))) {
            found.add(userId);
        }
        return found.stream().limit(max).toList();
    }

    public List<String> memberChannels(String workspaceId, String userId) {
        return channels.channelIdsOf(workspaceId, userId);
    }

    boolean add(Channel channel, String userId, String inviter) {
        events.lock(channel);
        if (!channels.addMember(channel.workspaceId(), channel.id(), userId, System.currentTimeMillis() / 1000)) {
            return false;
        }
        events.emit(channel, "member_joined_channel", memberFields(channel, userId, inviter),
                ChannelEvent.Routing.MEMBERS.joining(List.of(userId)));
        channelMessages.afterCommit(channel, userId, "channel_join",
                ChannelMessages.mention(userId) + " has joined the channel", inviter == null ? Map.of() : Map.of("inviter", inviter));
        return true;
    }

    private boolean remove(Channel channel, String userId, String remover) {
        events.lock(channel);
        if (!channels.removeMember(channel.workspaceId(), channel.id(), userId)) {
            return false;
        }
        channels.releaseGuestSeat(channel.workspaceId(), userId, channel.id());
        events.emit(channel, "member_left_channel", memberFields(channel, userId, remover),
                ChannelEvent.Routing.MEMBERS.leaving(List.of(userId)));
        channelMessages.afterCommit(channel, userId, "channel_leave", remover == null
                ? ChannelMessages.mention(userId) + " has left the channel"
                : ChannelMessages.mention(userId) + " was removed from the channel by " + ChannelMessages.mention(remover),
                Map.of());
        return true;
    }

    static Map<String, Object> memberFields(Channel channel, String userId, String actor) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", userId);
        fields.put("channel", channel.id());
        fields.put("channel_type", channel.eventChannelType());
        fields.put("team", channel.workspaceId());
        if (actor != null) {
            fields.put(actor.equals(userId) ? "actor" : "inviter", actor);
        }
        return fields;
    }
}
