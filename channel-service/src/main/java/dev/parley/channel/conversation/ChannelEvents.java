package dev.parley.channel.conversation;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.json.SlackJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Writes the channel service's live events into the outbox, inside the caller's transaction. */
@Component
class ChannelEvents {

    private final ChannelEventOutbox outbox;

    ChannelEvents(ChannelEventOutbox outbox) {
        this.outbox = outbox;
    }

    /** Locks the channel's sequence: call first in a transaction, so changes and their events keep one order. */
    void lock(Channel channel) {
        outbox.lock(channel.workspaceId(), channel.id());
    }

    /** Records the channel's next event; {@code fields} follow {@code type} in the payload, then {@code event_ts}. */
    void emit(Channel channel, String type, Map<String, Object> fields, ChannelEvent.Routing routing) {
        ChannelEventOutbox.Slot slot = outbox.next(channel.workspaceId(), channel.id());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.putAll(fields);
        payload.put("event_ts", slot.ts());
        outbox.append(slot, type, SlackJson.write(payload), routing);
    }

    /** Who sees changes of this channel's name or state: everyone for a public channel, its members otherwise. */
    static ChannelEvent.Routing visibility(Channel channel) {
        return channel.isPrivate() ? ChannelEvent.Routing.MEMBERS : ChannelEvent.Routing.WORKSPACE;
    }
}
