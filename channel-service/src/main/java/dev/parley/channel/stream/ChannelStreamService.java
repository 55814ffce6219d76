package dev.parley.channel.stream;

import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.conversation.Channel;
import dev.parley.channel.conversation.ChannelRepository;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads the sequenced channel stream back from the outbox: where each of a user's channels stands, and the events a
 * socket missed (resume, gap filling), each only to those allowed to see it.
 */
@Service
public class ChannelStreamService {

    static final int MAX_PAGE = 500;

    private final ChannelRepository channels;
    private final ChannelEventOutbox outbox;

    ChannelStreamService(ChannelRepository channels, ChannelEventOutbox outbox) {
        this.channels = channels;
        this.outbox = outbox;
    }

    /** The user's channels, each with its latest sequence number. */
    public List<ChannelClient.Head> memberChannels(String workspaceId, String userId) {
        List<String> ids = channels.channelIdsOf(workspaceId, userId);
        return heads(workspaceId, ids);
    }

    public List<ChannelClient.Head> heads(String workspaceId, Collection<String> channelIds) {
        Map<String, Long> heads = outbox.heads(workspaceId, channelIds);
        List<ChannelClient.Head> result = new ArrayList<>(channelIds.size());
        for (String id : channelIds) {
            result.add(new ChannelClient.Head(id, heads.getOrDefault(id, 0L)));
        }
        return result;
    }

    /** See {@link ChannelClient#events}. */
    public ChannelClient.EventsPage events(ChannelClient.EventsQuery query) {
        String workspaceId = query.workspaceId();
        String channelId = query.channelId();
        if (workspaceId == null || channelId == null) {
            return ChannelClient.EventsPage.refused("channel_not_found");
        }
        int limit = query.limit() <= 0 ? MAX_PAGE : Math.min(query.limit(), MAX_PAGE);
        Optional<Channel> channel = channels.find(workspaceId, channelId);
        if (channel.isEmpty()) {
            return ChannelClient.EventsPage.refused("channel_not_found");
        }
        long head = outbox.heads(workspaceId, List.of(channelId)).getOrDefault(channelId, 0L);
        boolean member = query.userId() == null || channels.isMember(workspaceId, channelId, query.userId());
        if (query.afterSeq() > head || query.afterSeq() < 0) {
            // A sequence this channel never reached: a cursor from the future tells nothing about the channel to
            // someone who cannot read it, so a non-member gets channel_not_found first.
            return ChannelClient.EventsPage.refused(member ? "invalid_cursor" : "channel_not_found");
        }
        List<ChannelEvent> found = outbox.after(workspaceId, channelId, query.afterSeq(), limit);
        if (query.afterSeq() < head && (found.isEmpty() || found.getFirst().seq() != query.afterSeq() + 1)) {
            return ChannelClient.EventsPage.refused(member ? "resync_required" : "channel_not_found");
        }
        // The outbox may stop a page early to bound its size, so there is more whenever the page ends before the head.
        boolean more = scannedTo(found, query.afterSeq()) < head;
        if (query.userId() == null) {
            return new ChannelClient.EventsPage(null, found, more, scannedTo(found, query.afterSeq()));
        }
        List<ChannelEvent> visible = new ArrayList<>(found.size());
        for (ChannelEvent event : found) {
            ChannelEvent.Routing routing = event.routing();
            if (routing.audience() != ChannelEvent.Audience.USERS || routing.users().contains(query.userId())) {
                visible.add(event);
            }
            if (!member && routing.left().contains(query.userId())) {
                // A former member gets the stream up to their own leaving, and nothing after it.
                return new ChannelClient.EventsPage(null, visible, false, event.seq());
            }
        }
        if (!member) {
            // No leaving of theirs after the cursor: they were not a member there, so the channel is not theirs to read.
            return ChannelClient.EventsPage.refused("channel_not_found");
        }
        return new ChannelClient.EventsPage(null, visible, more, scannedTo(found, query.afterSeq()));
    }

    private static long scannedTo(List<ChannelEvent> found, long afterSeq) {
        return found.isEmpty() ? afterSeq : found.getLast().seq();
    }
}
