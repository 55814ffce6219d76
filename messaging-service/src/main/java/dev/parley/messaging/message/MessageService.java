package dev.parley.messaging.message;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.json.SlackJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Posting messages and reading history; a post is its row and its channel event, committed together. */
@Service
public class MessageService {

    public static final int MAX_TEXT = 40_000;

    /** One page of history, newest first, with the ts to continue below when there is more. */
    public record Page(List<Message> messages, boolean hasMore, Long nextLatest) {
    }

    private final MessageRepository messages;
    private final ChannelEventOutbox outbox;
    private final ChannelClient channels;
    private final TransactionTemplate tx;

    MessageService(MessageRepository messages, ChannelEventOutbox outbox, ChannelClient channels, TransactionTemplate tx) {
        this.messages = messages;
        this.outbox = outbox;
        this.channels = channels;
        this.tx = tx;
    }

    public Message post(Caller caller, String channelId, String text, String clientMsgId) {
        if (text == null || text.isBlank()) {
            throw new SlackApiException("no_text");
        }
        if (text.length() > MAX_TEXT) {
            throw new SlackApiException("msg_too_long");
        }
        if (clientMsgId != null && clientMsgId.length() > 64) {
            throw new SlackApiException("invalid_arguments");
        }
        access(caller, channelId).requirePostable();
        return tx.execute(status -> {
            ChannelEventOutbox.Slot slot = outbox.next(caller.workspaceId(), channelId);
            if (clientMsgId != null) {
                // A retried send: answer with the message already stored and give the slot back.
                Optional<Message> earlier = messages.findByClientMsgId(caller.workspaceId(), channelId, caller.userId(), clientMsgId);
                if (earlier.isPresent()) {
                    status.setRollbackOnly();
                    return earlier.get();
                }
            }
            Message message = new Message(caller.workspaceId(), channelId, slot.tsMicros(), caller.userId(), null, text,
                    clientMsgId);
            messages.insert(message);
            Map<String, Object> event = message.view();
            event.put("channel", channelId);
            event.put("event_ts", slot.ts());
            outbox.append(slot, "message", SlackJson.write(event));
            return message;
        });
    }

    /** A page of history between oldest and latest (Slack's bounds, exclusive unless inclusive), newest first. */
    public Page history(Caller caller, String channelId, long oldest, long latest, boolean inclusive, int limit) {
        access(caller, channelId).requireReadable();
        long low = inclusive ? oldest : oldest + 1;
        long high = inclusive ? latest : latest - 1;
        if (low > high) {
            return new Page(List.of(), false, null);
        }
        List<Message> found = messages.page(caller.workspaceId(), channelId, low, high, limit + 1);
        boolean hasMore = found.size() > limit;
        List<Message> page = hasMore ? found.subList(0, limit) : found;
        return new Page(page, hasMore, hasMore ? page.getLast().ts() : null);
    }

    private ChannelAccess access(Caller caller, String channelId) {
        if (channelId == null || channelId.isBlank() || channelId.length() > 24) {
            throw new SlackApiException("channel_not_found");
        }
        return channels.access(new ChannelClient.AccessQuery(caller.workspaceId(), channelId, caller.userId()));
    }
}
