package dev.parley.channel.conversation;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.id.Ids;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations themselves: creating, finding and listing them, and changing their name, topic, purpose and archive
 * state. Every change is a channel event in the same transaction.
 */
@Service
public class ChannelService {

    static final int MAX_TOPIC = 250;
    private static final Pattern NAME_CHARS = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]+");

    private final ChannelRepository channels;
    private final ChannelEvents events;
    private final ChannelMessages channelMessages;

    ChannelService(ChannelRepository channels, ChannelEvents events, ChannelMessages channelMessages) {
        this.channels = channels;
        this.events = events;
        this.channelMessages = channelMessages;
    }

    @Transactional
    public Channel create(Caller caller, String rawName, boolean isPrivate) {
        String name = validName(rawName);
        long now = System.currentTimeMillis() / 1000;
        Channel channel = new Channel(caller.workspaceId(), isPrivate ? Ids.privateChannel() : Ids.channel(), name,
                isPrivate ? Channel.PRIVATE : Channel.PUBLIC, caller.userId(), now, false, Channel.Topic.NONE,
                Channel.Topic.NONE);
        if (!channels.insert(channel)) {
            throw new SlackApiException("name_taken");
        }
        channels.addMember(channel.workspaceId(), channel.id(), caller.userId(), now);
        // Slack announces a public channel to everyone (channel_created) and a private one to its creator only.
        events.emit(channel, isPrivate ? "group_joined" : "channel_created", Map.of("channel", ChannelView.brief(channel)),
                isPrivate ? ChannelEvent.Routing.users(List.of(caller.userId())).joining(List.of(caller.userId()))
                        : ChannelEvent.Routing.WORKSPACE.joining(List.of(caller.userId())));
        events.emit(channel, "member_joined_channel", MembershipService.memberFields(channel, caller.userId(), null),
                ChannelEvent.Routing.MEMBERS);
        return channel;
    }

    /** The channel as the caller may see it ({@link #readable}); one they may not see does not exist for them. */
    public Channel visible(Caller caller, String channelId) {
        if (channelId == null || channelId.isBlank() || channelId.length() > 24) {
            throw new SlackApiException("channel_not_found");
        }
        return channels.find(caller.workspaceId(), channelId)
                .filter(c -> readable(c, caller))
                .orElseThrow(() -> new SlackApiException("channel_not_found"));
    }

    /**
     * Refuses with {@code missing_scope} unless the token may change a conversation of this type: a bot needs
     * {@code channels:manage}, {@code groups:write}, {@code im:write} or {@code mpim:write} by the type, as in Slack.
     */
    static Channel requireWrite(Caller caller, Channel channel) {
        caller.requireScope(Scopes.writeOf(channel.type()));
        return channel;
    }

    /** Refuses with {@code missing_scope} unless the token may read about a conversation of this type. */
    static Channel requireRead(Caller caller, Channel channel) {
        caller.requireScope(Scopes.readOf(channel.type()));
        return channel;
    }

    /**
     * Who may see a channel, the rule every service's channel checks come down to: its members; besides them, for a
     * public channel, everyone in the workspace but guests, who see only the channels they were invited to. To anyone
     * else it is {@code channel_not_found}, exactly as a channel that does not exist.
     */
    public boolean readable(Channel channel, Caller caller) {
        return openTo(channel, caller) || channels.isMember(channel.workspaceId(), channel.id(), caller.userId());
    }

    /** Readable without being a member: a public channel, to anyone but a guest. */
    private static boolean openTo(Channel channel, Caller caller) {
        return !channel.isPrivate() && !caller.isGuest();
    }

    /** Visible and the caller is a member, for changes only members may make. */
    Channel memberOnly(Caller caller, String channelId) {
        Channel channel = visible(caller, channelId);
        if (!channels.isMember(channel.workspaceId(), channel.id(), caller.userId())) {
            throw new SlackApiException("not_in_channel");
        }
        return channel;
    }

    public boolean isMember(Channel channel, String userId) {
        return channels.isMember(channel.workspaceId(), channel.id(), userId);
    }

    public long memberCount(Channel channel) {
        return channels.memberCount(channel.workspaceId(), channel.id());
    }

    /** A page of the channels the caller may see ({@link #readable}): for a guest, only those it is in. */
    public List<Channel> list(Caller caller, Collection<String> types, boolean excludeArchived, String afterId, int limit) {
        if (caller.isGuest()) {
            return channels.memberOf(caller.workspaceId(), caller.userId(), types, excludeArchived, afterId, limit);
        }
        return channels.visible(caller.workspaceId(), caller.userId(), types, excludeArchived, afterId, limit);
    }

    @Transactional
    public Channel rename(Caller caller, String channelId, String rawName) {
        Channel channel = requireWrite(caller, memberOnly(caller, channelId));
        if (channel.isDirect()) {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }
        if (!caller.isAdmin() && !caller.userId().equals(channel.creator())) {
            throw new SlackApiException("not_authorized");
        }
        String name = validName(rawName);
        if (name.equals(channel.name())) {
            return channel;
        }
        events.lock(channel);
        if (!channels.rename(channel.workspaceId(), channel.id(), name)) {
            throw new SlackApiException("name_taken");
        }
        Channel renamed = channel.withName(name);
        events.emit(channel, "channel_rename", Map.of("channel", ChannelView.brief(renamed)), ChannelEvents.visibility(channel));
        channelMessages.afterCommit(channel, caller.userId(), "channel_name", ChannelMessages.mention(caller.userId())
                + " has renamed the channel from \"" + channel.name() + "\" to \"" + name + "\"",
                Map.of("old_name", channel.name(), "name", name));
        return renamed;
    }

    @Transactional
    public Channel setTopic(Caller caller, String channelId, String topic, boolean purpose) {
        Channel channel = requireWrite(caller, memberOnly(caller, channelId));
        if (channel.archived()) {
            throw new SlackApiException("is_archived");
        }
        String value = topic == null ? "" : topic;
        if (value.length() > MAX_TOPIC) {
            throw new SlackApiException("too_long");
        }
        Channel.Topic set = new Channel.Topic(value, caller.userId(), System.currentTimeMillis() / 1000);
        if (purpose) {
            channels.setPurpose(channel.workspaceId(), channel.id(), set);
        } else {
            channels.setTopic(channel.workspaceId(), channel.id(), set);
        }
        Channel changed = channels.find(channel.workspaceId(), channel.id()).orElseThrow();
        // Slack has no event of its own for this: clients learn of it from the channel_topic/channel_purpose message.
        String what = purpose ? "purpose" : "topic";
        channelMessages.afterCommit(channel, caller.userId(), "channel_" + what, value.isEmpty()
                ? ChannelMessages.mention(caller.userId()) + " cleared the channel " + what
                : ChannelMessages.mention(caller.userId()) + " set the channel " + what + ": " + value, Map.of(what, value));
        return changed;
    }

    @Transactional
    public void archive(Caller caller, String channelId, boolean archive) {
        Channel channel = requireWrite(caller, visible(caller, channelId));
        if (channel.isDirect()) {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }
        if (!caller.isAdmin() && !channels.isMember(channel.workspaceId(), channel.id(), caller.userId())) {
            throw new SlackApiException("not_in_channel");
        }
        if (channel.archived() == archive) {
            throw new SlackApiException(archive ? "already_archived" : "not_archived");
        }
        events.lock(channel);
        channels.setArchived(channel.workspaceId(), channel.id(), archive);
        events.emit(channel, archive ? "channel_archive" : "channel_unarchive",
                Map.of("channel", channel.id(), "user", caller.userId()), ChannelEvents.visibility(channel));
        channelMessages.afterCommit(channel, caller.userId(), archive ? "channel_archive" : "channel_unarchive",
                ChannelMessages.mention(caller.userId()) + (archive ? " archived the channel" : " un-archived the channel"),
                Map.of());
    }

    /**
     * An admin's {@code admin.conversations.convertToPrivate} / {@code convertToPublic}: the channel keeps its id and
     * members, who are told by Slack's {@code channel_convert_to_private} / {@code channel_convert_to_public} message;
     * a now private channel is {@code channel_not_found} to everyone else. Admins reach every channel, as Slack's
     * admin methods do. DMs, group DMs and archived channels cannot be converted.
     */
    @Transactional
    public Channel convert(Caller admin, String channelId, boolean toPrivate) {
        admin.requireAdmin();
        Channel channel = (channelId == null || channelId.isBlank() || channelId.length() > 24 ? Optional.<Channel>empty()
                : channels.find(admin.workspaceId(), channelId))
                .orElseThrow(() -> new SlackApiException("channel_not_found"));
        if (channel.isDirect() || channel.isPrivate() == toPrivate) {
            // Slack's words: a DM, group DM or already private channel is not a type convertToPrivate takes, and
            // convertToPublic does not support anything but a private channel.
            throw new SlackApiException(toPrivate ? "channel_type_not_supported" : "not_supported");
        }
        if (channel.archived()) {
            throw new SlackApiException("could_not_convert_channel");
        }
        events.lock(channel);
        Channel converted = channel.withType(toPrivate ? Channel.PRIVATE : Channel.PUBLIC);
        channels.setType(channel.workspaceId(), channel.id(), converted.type());
        String subtype = toPrivate ? "channel_convert_to_private" : "channel_convert_to_public";
        channelMessages.afterCommit(converted, admin.userId(), subtype, toPrivate
                ? "made this channel *private*. Now, it can only be viewed or joined by invitation."
                : "made this channel *public*. Now, anyone in the workspace can see and join it.", Map.of());
        return converted;
    }

    /** What other services ask before touching a channel for someone: the same rule as {@link #readable}. */
    public ChannelAccess access(Caller caller, String channelId) {
        if (channelId == null || channelId.isBlank() || channelId.length() > 24) {
            return ChannelAccess.invisible();
        }
        return channels.findSeenBy(caller.workspaceId(), channelId, caller.userId())
                .map(seen -> {
                    Channel c = seen.channel();
                    return seen.member() || openTo(c, caller)
                            ? new ChannelAccess(true, c.type(), c.archived(), seen.member())
                            : ChannelAccess.invisible();
                })
                .orElse(ChannelAccess.invisible());
    }

    static String validName(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new SlackApiException("invalid_name_required");
        }
        String name = raw.trim().startsWith("#") ? raw.trim().substring(1) : raw.trim();
        if (name.isEmpty()) {
            throw new SlackApiException("invalid_name_required");
        }
        if (name.length() > 80) {
            throw new SlackApiException("invalid_name_maxlength");
        }
        if (!NAME_CHARS.matcher(name).matches()) {
            throw new SlackApiException("invalid_name_specials");
        }
        return name;
    }
}
