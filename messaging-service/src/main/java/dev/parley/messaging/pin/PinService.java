package dev.parley.messaging.pin;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.message.Message;
import dev.parley.messaging.message.MessageService;
import dev.parley.messaging.message.MessageViews;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Pinning messages to their channel; members only, each a channel event ({@code pin_added}, {@code pin_removed}). */
@Service
public class PinService {

    static final int MAX_PINS = 100;

    private final PinRepository pins;
    private final MessageService messages;
    private final ChannelEventOutbox outbox;
    private final TransactionTemplate tx;

    PinService(PinRepository pins, MessageService messages, ChannelEventOutbox outbox, TransactionTemplate tx) {
        this.pins = pins;
        this.messages = messages;
        this.outbox = outbox;
        this.tx = tx;
    }

    public void add(Caller caller, String channelId, String ts) {
        Message message = memberMessage(caller, channelId, ts);
        tx.executeWithoutResult(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            if (pins.count(caller.workspaceId(), channelId) >= MAX_PINS) {
                throw new SlackApiException("too_many_pins");
            }
            long now = System.currentTimeMillis() / 1000;
            if (!pins.add(caller.workspaceId(), channelId, message.ts(), caller.userId(), now)) {
                throw new SlackApiException("already_pinned");
            }
            emit(caller, message, "pin_added", now);
        });
    }

    public void remove(Caller caller, String channelId, String ts) {
        Message message = memberMessage(caller, channelId, ts);
        tx.executeWithoutResult(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            if (!pins.remove(caller.workspaceId(), channelId, message.ts())) {
                throw new SlackApiException("no_pin");
            }
            emit(caller, message, "pin_removed", System.currentTimeMillis() / 1000);
        });
    }

    private Message memberMessage(Caller caller, String channelId, String ts) {
        return messages.findPostable(caller, channelId, ts);
    }

    private void emit(Caller caller, Message message, String type, long at) {
        ChannelEventOutbox.Slot slot = outbox.next(caller.workspaceId(), message.channelId());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "message");
        item.put("channel", message.channelId());
        item.put("message", MessageViews.plain(message));
        item.put("created", at);
        item.put("created_by", caller.userId());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("user", caller.userId());
        event.put("channel_id", message.channelId());
        event.put("item", item);
        event.put("event_ts", slot.ts());
        outbox.appendAbout(message.ts(), slot, type, SlackJson.write(event));
    }
}
