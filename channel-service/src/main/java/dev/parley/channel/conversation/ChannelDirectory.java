package dev.parley.channel.conversation;

import dev.parley.channel.client.ChannelClient.ChannelSummary;
import dev.parley.common.auth.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The conversations a user may read now, for another service: search asks at each query, so access is always
 * today's, and resolves {@code in:#name} and {@code in:@user} among them, so it never learns of one it may not read.
 */
@Service
public class ChannelDirectory {

    private static final List<String> ALL_TYPES = List.of(Channel.PUBLIC, Channel.PRIVATE, Channel.IM, Channel.MPIM);
    private static final int PAGE = 1000;

    private final ChannelService conversations;
    private final ChannelRepository channels;

    ChannelDirectory(ChannelService conversations, ChannelRepository channels) {
        this.conversations = conversations;
        this.channels = channels;
    }

    /**
     * What the user may read, archived conversations included, by the same rule as {@link ChannelService#readable}:
     * public channels unless a guest, and every conversation the user is in.
     */
    public List<ChannelSummary> readable(Caller user) {
        List<Channel> all = new ArrayList<>();
        String after = "";
        while (true) {
            List<Channel> page = conversations.list(user, ALL_TYPES, false, after, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().id();
        }
        List<String> ims = all.stream().filter(c -> Channel.IM.equals(c.type())).map(Channel::id).toList();
        Map<String, String> partners = ims.isEmpty() ? Map.of()
                : channels.directPartners(user.workspaceId(), user.userId(), ims);
        return all.stream().map(c -> summary(c, Channel.IM.equals(c.type())
                ? partners.getOrDefault(c.id(), user.userId()) : null)).toList();
    }

    private static ChannelSummary summary(Channel c, String imUser) {
        return new ChannelSummary(c.id(), Channel.IM.equals(c.type()) ? null : c.name(), c.type(), c.archived(), imUser);
    }
}
