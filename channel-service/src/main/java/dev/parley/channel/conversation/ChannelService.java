package dev.parley.channel.conversation;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.id.Ids;
import dev.parley.common.json.SlackJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating conversations and changing who is in them; every change is a channel event in the same transaction. */
@Service
public class ChannelService {

    private static final Pattern NAME_CHARS = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]+");

    private final ChannelRepository channels;
    private final ChannelEventOutbox outbox;

    ChannelService(ChannelRepository channels, ChannelEventOutbox outbox) {
        this.channels = channels;
        this.outbox = outbox;
    }

    @Transactional
    public Channel create(Caller caller, String rawName, boolean isPrivate) {
        String name = validName(rawName);
        long now = System.currentTimeMillis() / 1000;
        Channel channel = new Channel(caller.workspaceId(), isPrivate ? Ids.privateChannel() : Ids.channel(), name,
                isPrivate ? Channel.PRIVATE : Channel.PUBLIC, caller.userId(), now, false, "", "");
        if (!channels.insert(channel)) {
            throw new SlackApiException("name_taken");
        }
        addMember(channel, caller.userId(), now);
        return channel;
    }

    /** Joins a public channel; true when the caller was not a member before. */
    @Transactional
    public boolean join(Caller caller, String channelId) {
        Channel channel = visible(caller, channelId);
        if (channel.isPrivate()) {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }
        if (channel.archived()) {
            throw new SlackApiException("is_archived");
        }
        return addMember(channel, caller.userId(), System.currentTimeMillis() / 1000);
    }

    /** The channel as the caller may see it: a private channel they are not in does not exist for them. */
    public Channel visible(Caller caller, String channelId) {
        return channels.find(caller.workspaceId(), channelId)
                .filter(c -> !c.isPrivate() || channels.isMember(c.workspaceId(), c.id(), caller.userId()))
                .orElseThrow(() -> new SlackApiException("channel_not_found"));
    }

    public boolean isMember(Channel channel, String userId) {
        return channels.isMember(channel.workspaceId(), channel.id(), userId);
    }

    public long memberCount(Channel channel) {
        return channels.memberCount(channel.workspaceId(), channel.id());
    }

    public ChannelAccess access(String workspaceId, String channelId, String userId) {
        return channels.find(workspaceId, channelId)
                .map(c -> {
                    boolean member = channels.isMember(workspaceId, channelId, userId);
                    return c.isPrivate() && !member ? ChannelAccess.invisible()
                            : new ChannelAccess(true, c.type(), c.archived(), member);
                })
                .orElse(ChannelAccess.invisible());
    }

    public List<String> memberChannels(String workspaceId, String userId) {
        return channels.channelIdsOf(workspaceId, userId);
    }

    private boolean addMember(Channel channel, String userId, long now) {
        // Locking the channel's sequence first keeps membership changes and their events in one order.
        ChannelEventOutbox.Slot slot = outbox.next(channel.workspaceId(), channel.id());
        if (!channels.addMember(channel.workspaceId(), channel.id(), userId, now)) {
            return false;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "member_joined_channel");
        event.put("user", userId);
        event.put("channel", channel.id());
        event.put("channel_type", channel.eventChannelType());
        event.put("team", channel.workspaceId());
        event.put("event_ts", slot.ts());
        outbox.append(slot, "member_joined_channel", SlackJson.write(event));
        return true;
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
