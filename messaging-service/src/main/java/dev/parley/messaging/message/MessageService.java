package dev.parley.messaging.message;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.UserEvents;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.mention.GroupMentions;
import dev.parley.messaging.mention.Mentions;
import dev.parley.messaging.reaction.ReactionRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posting, editing and deleting messages, threads, and reading history. Each change is its row(s) and its channel
 * event, committed together under the channel's sequence lock, which also orders the ts.
 */
@Service
public class MessageService {

    public static final int MAX_TEXT = 40_000;

    /** What a post carries besides the channel. */
    public record Draft(String text, String blocks, String attachments, String threadTs, boolean replyBroadcast,
                        String clientMsgId) {
    }

    /** One page of messages with the ts to continue from when there is more. */
    public record Page(List<Message> messages, boolean hasMore, Long next) {
    }

    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final ChannelEventOutbox outbox;
    private final ChannelClient channels;
    private final UserEvents userEvents;
    private final GroupMentions groupMentions;
    private final TransactionTemplate tx;
    private final TransactionTemplate newTx;

    MessageService(MessageRepository messages, ReactionRepository reactions, ChannelEventOutbox outbox,
                   ChannelClient channels, UserEvents userEvents, GroupMentions groupMentions, TransactionTemplate tx) {
        this.groupMentions = groupMentions;
        this.messages = messages;
        this.reactions = reactions;
        this.outbox = outbox;
        this.channels = channels;
        this.userEvents = userEvents;
        this.tx = tx;
        // Channel messages are written right after the channel service commits, possibly on the same thread and
        // connection (standalone): they need a transaction of their own, not the one that just ended.
        this.newTx = new TransactionTemplate(tx.getTransactionManager());
        this.newTx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    public Message post(Caller caller, String channelId, Draft draft) {
        validateContent(draft.text(), draft.blocks(), draft.attachments());
        if (draft.clientMsgId() != null && draft.clientMsgId().length() > 64) {
            throw new SlackApiException("invalid_arguments");
        }
        Long threadTs = draft.threadTs() == null ? null
                : Ts.parse(draft.threadTs()).orElseThrow(() -> new SlackApiException("invalid_thread_ts"));
        access(caller, channelId).requirePostable();
        // Group mentions are resolved before the transaction: it may ask the workspace service for members.
        List<String> mentions = groupMentions.resolve(caller.workspaceId(), Mentions.parse(draft.text()));
        return tx.execute(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            if (draft.clientMsgId() != null) {
                // A retried send: answer with the message already stored.
                Optional<Message> earlier = messages.findByClientMsgId(caller.workspaceId(), channelId, caller.userId(),
                        draft.clientMsgId());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            Long parentTs = null;
            if (threadTs != null) {
                Message parent = messages.find(caller.workspaceId(), channelId, threadTs)
                        .orElseThrow(() -> new SlackApiException("thread_not_found"));
                // A reply to a reply joins the thread of its parent, as in Slack.
                parentTs = parent.isReply() ? parent.threadTs() : parent.ts();
            }
            ChannelEventOutbox.Slot slot = outbox.next(caller.workspaceId(), channelId);
            boolean broadcast = parentTs != null && draft.replyBroadcast();
            Message message = new Message(caller.workspaceId(), channelId, slot.tsMicros(), caller.userId(),
                    broadcast ? "thread_broadcast" : null, draft.text() == null ? "" : draft.text(), draft.blocks(),
                    draft.attachments(), null, draft.clientMsgId(), parentTs, broadcast, Message.ThreadSummary.NONE, null);
            messages.insert(message, mentions);
            if (parentTs != null) {
                messages.refreshThread(caller.workspaceId(), channelId, parentTs);
            }
            Map<String, Object> event = MessageViews.plain(message);
            event.put("channel", channelId);
            event.put("event_ts", slot.ts());
            outbox.append(slot, "message", SlackJson.write(event));
            return message;
        });
    }

    /** A channel's own history entry for a change made by the channel service (joins, topic, archive, …). */
    public Message postSystem(String workspaceId, String channelId, String userId, String subtype, String text,
                              Map<String, String> extras) {
        return newTx.execute(status -> {
            ChannelEventOutbox.Slot slot = outbox.next(workspaceId, channelId);
            Message message = new Message(workspaceId, channelId, slot.tsMicros(), userId, subtype, text, null, null,
                    extras, null, null, false, Message.ThreadSummary.NONE, null);
            messages.insert(message, List.of());
            Map<String, Object> event = MessageViews.plain(message);
            event.put("channel", channelId);
            event.put("event_ts", slot.ts());
            outbox.append(slot, "message", SlackJson.write(event));
            return message;
        });
    }

    /**
     * An ephemeral message: delivered live to one member of the channel on their user stream, never stored and never
     * numbered in the channel's sequence (the other members have nothing to miss).
     */
    public String postEphemeral(Caller caller, String channelId, String userId, String text, String blocks,
                                String attachments, String threadTs) {
        validateContent(text, blocks, attachments);
        access(caller, channelId).requirePostable();
        if (userId == null || !channels.access(new ChannelClient.AccessQuery(caller.workspaceId(), channelId, userId)).member()) {
            throw new SlackApiException("user_not_in_channel");
        }
        String ts = Ts.format(Ts.nowMicros());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("subtype", "ephemeral");
        event.put("is_ephemeral", true);
        event.put("user", caller.userId());
        event.put("text", text == null ? "" : text);
        if (blocks != null) {
            event.put("blocks", SlackJson.tree(blocks));
        }
        if (attachments != null) {
            event.put("attachments", SlackJson.tree(attachments));
        }
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        event.put("channel", channelId);
        event.put("ts", ts);
        event.put("event_ts", ts);
        userEvents.deliver(caller.workspaceId(), List.of(userId), SlackJson.write(event));
        return ts;
    }

    public Message update(Caller caller, String channelId, String ts, String text, String blocks, String attachments) {
        long messageTs = Ts.parse(ts).orElseThrow(() -> new SlackApiException("message_not_found"));
        access(caller, channelId).requireReadable();
        if (text == null && blocks == null && attachments == null) {
            throw new SlackApiException("no_text");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new SlackApiException("msg_too_long");
        }
        validateJson(blocks, "invalid_blocks");
        validateJson(attachments, "invalid_attachments");
        List<String> newMentions = text == null ? null : groupMentions.resolve(caller.workspaceId(), Mentions.parse(text));
        return tx.execute(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            Message before = messages.find(caller.workspaceId(), channelId, messageTs)
                    .filter(m -> !"tombstone".equals(m.subtype()))
                    .orElseThrow(() -> new SlackApiException("message_not_found"));
            if (!before.userId().equals(caller.userId())) {
                throw new SlackApiException("cant_update_message");
            }
            ChannelEventOutbox.Slot slot = outbox.next(caller.workspaceId(), channelId);
            Message after = before.edited(text == null ? before.text() : text,
                    blocks == null ? before.blocks() : blocks, attachments == null ? before.attachments() : attachments,
                    new Message.Edit(caller.userId(), slot.tsMicros()));
            messages.update(after, newMentions != null ? newMentions
                    : messages.mentions(caller.workspaceId(), channelId, before.ts()));
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "message");
            event.put("subtype", "message_changed");
            event.put("hidden", true);
            event.put("channel", channelId);
            event.put("message", MessageViews.plain(after));
            event.put("previous_message", MessageViews.plain(before));
            event.put("ts", slot.ts());
            event.put("event_ts", slot.ts());
            outbox.append(slot, "message_changed", SlackJson.write(event));
            return after;
        });
    }

    /** Deletes; authors delete their own messages, workspace admins anyone's. */
    public void delete(Caller caller, String channelId, String ts) {
        long messageTs = Ts.parse(ts).orElseThrow(() -> new SlackApiException("message_not_found"));
        access(caller, channelId).requireReadable();
        tx.executeWithoutResult(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            Message message = messages.find(caller.workspaceId(), channelId, messageTs)
                    .filter(m -> !"tombstone".equals(m.subtype()))
                    .orElseThrow(() -> new SlackApiException("message_not_found"));
            if (!message.userId().equals(caller.userId()) && !caller.isAdmin()) {
                throw new SlackApiException("cant_delete_message");
            }
            ChannelEventOutbox.Slot slot = outbox.next(caller.workspaceId(), channelId);
            if (message.hasReplies()) {
                messages.tombstone(caller.workspaceId(), channelId, messageTs);
            } else {
                messages.delete(caller.workspaceId(), channelId, messageTs);
                reactions.deleteAll(caller.workspaceId(), channelId, messageTs);
            }
            if (message.isReply()) {
                messages.refreshThread(caller.workspaceId(), channelId, message.threadTs());
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "message");
            event.put("subtype", "message_deleted");
            event.put("hidden", true);
            event.put("channel", channelId);
            event.put("deleted_ts", ts);
            event.put("previous_message", MessageViews.plain(message));
            event.put("ts", slot.ts());
            event.put("event_ts", slot.ts());
            outbox.append(slot, "message_deleted", SlackJson.write(event));
        });
    }

    /** A message the caller can see, or {@code message_not_found}. */
    public Message find(Caller caller, String channelId, String ts) {
        long messageTs = Ts.parse(ts).orElseThrow(() -> new SlackApiException("message_not_found"));
        access(caller, channelId).requireReadable();
        return stored(caller, channelId, messageTs);
    }

    /** A message of a channel the caller may post in (for pinning), checked with one access lookup. */
    public Message findPostable(Caller caller, String channelId, String ts) {
        access(caller, channelId).requirePostable();
        return stored(caller, channelId, Ts.parse(ts).orElseThrow(() -> new SlackApiException("message_not_found")));
    }

    private Message stored(Caller caller, String channelId, long ts) {
        return messages.find(caller.workspaceId(), channelId, ts)
                .orElseThrow(() -> new SlackApiException("message_not_found"));
    }

    /** A page of history between low and high (inclusive bounds), newest first. */
    public Page history(Caller caller, String channelId, long low, long high, int limit) {
        access(caller, channelId).requireReadable();
        if (low > high) {
            return new Page(List.of(), false, null);
        }
        List<Message> found = messages.history(caller.workspaceId(), channelId, low, high, limit + 1);
        boolean hasMore = found.size() > limit;
        List<Message> page = hasMore ? found.subList(0, limit) : found;
        return new Page(page, hasMore, hasMore ? page.getLast().ts() : null);
    }

    /** The thread's parent and a page of its replies between low and high (inclusive), oldest first. */
    public Page replies(Caller caller, String channelId, String threadTs, long low, long high, int limit) {
        long ts = Ts.parse(threadTs).orElseThrow(() -> new SlackApiException("thread_not_found"));
        access(caller, channelId).requireReadable();
        Message parent = messages.find(caller.workspaceId(), channelId, ts)
                .orElseThrow(() -> new SlackApiException("thread_not_found"));
        if (parent.isReply()) {
            parent = messages.find(caller.workspaceId(), channelId, parent.threadTs())
                    .orElseThrow(() -> new SlackApiException("thread_not_found"));
        }
        List<Message> found = low > high ? List.of()
                : messages.replies(caller.workspaceId(), channelId, parent.ts(), low, high, limit + 1);
        boolean hasMore = found.size() > limit;
        List<Message> page = hasMore ? found.subList(0, limit) : found;
        List<Message> withParent = new java.util.ArrayList<>(page.size() + 1);
        withParent.add(parent);
        withParent.addAll(page);
        return new Page(withParent, hasMore, hasMore ? page.getLast().ts() : null);
    }

    /** Unread messages after the marker: all, those of others, and those of others mentioning the user. */
    public long[] unread(String workspaceId, String channelId, String userId, long afterTs) {
        long[] counts = messages.countAfter(workspaceId, channelId, afterTs, userId);
        return new long[] {counts[0], counts[1], messages.mentionsAfter(workspaceId, channelId, afterTs, userId)};
    }

    public ChannelAccess access(Caller caller, String channelId) {
        if (channelId == null || channelId.isBlank() || channelId.length() > 24) {
            throw new SlackApiException("channel_not_found");
        }
        return channels.access(new ChannelClient.AccessQuery(caller.workspaceId(), channelId, caller.userId()));
    }

    private static void validateContent(String text, String blocks, String attachments) {
        if ((text == null || text.isBlank()) && blocks == null && attachments == null) {
            throw new SlackApiException("no_text");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new SlackApiException("msg_too_long");
        }
        validateJson(blocks, "invalid_blocks");
        validateJson(attachments, "invalid_attachments");
    }

    /** Blocks and attachments are stored as given, but must be JSON arrays. */
    private static void validateJson(String json, String error) {
        if (json == null) {
            return;
        }
        if (json.length() > MAX_TEXT * 4) {
            throw new SlackApiException(error);
        }
        try {
            if (!SlackJson.tree(json).isArray()) {
                throw new SlackApiException(error);
            }
        } catch (RuntimeException e) {
            throw e instanceof SlackApiException s ? s : new SlackApiException(error);
        }
    }
}
