package dev.parley.messaging.message;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.event.UserEvents;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.messaging.mention.GroupMentions;
import dev.parley.messaging.mention.Mentions;
import dev.parley.messaging.reaction.ReactionRepository;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Posting, editing and deleting messages, threads, and reading history. Each change is its row(s) and its channel
 * event, committed together under the channel's sequence lock, which also orders the ts.
 */
@Service
public class MessageService {

    public static final int MAX_TEXT = MessageContent.MAX_TEXT;
    /** The most messages a page of history or replies holds. */
    public static final int MAX_PAGE = 200;
    /** The characters of content a page of messages may hold before it stops and says there is more. */
    public static final int PAGE_CHARS = 1_000_000;

    /**
     * What a post carries besides the channel; {@code viaWebhook} marks a post to an incoming webhook, which Slack
     * shows as a {@code bot_message}; {@code files} are the Slack file objects it shares (a JSON array as text, from
     * the files service), or null.
     */
    public record Draft(String text, String blocks, String attachments, String threadTs, boolean replyBroadcast,
                        String clientMsgId, boolean viaWebhook, String files) {

        public Draft(String text, String blocks, String attachments, String threadTs, boolean replyBroadcast,
                     String clientMsgId, boolean viaWebhook) {
            this(text, blocks, attachments, threadTs, replyBroadcast, clientMsgId, viaWebhook, null);
        }

        public Draft(String text, String blocks, String attachments, String threadTs, boolean replyBroadcast,
                     String clientMsgId) {
            this(text, blocks, attachments, threadTs, replyBroadcast, clientMsgId, false, null);
        }
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
        MessageContent.checkNew(draft.text(), draft.blocks(), draft.attachments(), draft.files());
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
            String subtype = broadcast ? "thread_broadcast" : draft.viaWebhook() ? Message.BOT_MESSAGE : null;
            // A bot's caller names its bot already (from its token or webhook): nothing to look up while posting.
            Message message = new Message(caller.workspaceId(), channelId, slot.tsMicros(), caller.userId(), subtype,
                    draft.text() == null ? "" : draft.text(), draft.blocks(), draft.attachments(), null,
                    draft.clientMsgId(), parentTs, broadcast, Message.ThreadSummary.NONE, null, caller.bot(),
                    draft.files());
            messages.insert(message, mentions);
            if (parentTs != null) {
                messages.refreshThread(caller.workspaceId(), channelId, parentTs);
            }
            Map<String, Object> event = MessageViews.plain(message);
            event.put("channel", channelId);
            event.put("event_ts", slot.ts());
            outbox.appendAbout(message.ts(), slot, "message", SlackJson.write(event));
            return message;
        });
    }

    /**
     * Shares files as one message by the caller, as Slack's uploads do ({@code files.completeUploadExternal},
     * {@code files.upload}): the initial comment as its text (may be empty), the file objects as its {@code files},
     * in the thread of {@code threadTs} when set. A post like any other, with its checks, mentions and event.
     */
    public Message shareFiles(Caller caller, String channelId, String threadTs, String comment, String files) {
        if (files == null) {
            throw new SlackApiException("invalid_arguments");
        }
        return post(caller, channelId, new Draft(comment == null ? "" : comment, null, null, threadTs, false, null,
                false, files));
    }

    /**
     * Puts a file's new object (or its tombstone) in place of its old one in each of these messages that still shares
     * it, each change a {@code message_changed} event of its channel; a message that is gone, does not share the file
     * or already shows this object is left alone, so a repeated call changes nothing. Not an edit: {@code edited}
     * stays as it was. Returns how many messages changed.
     */
    public int updateFile(String workspaceId, String fileId, String file, List<MessagingClient.MessageRef> where) {
        JsonNode replacement = fileObject(fileId, file);
        if (workspaceId == null || replacement == null || where == null) {
            return 0;
        }
        int changed = 0;
        for (MessagingClient.MessageRef ref : new LinkedHashSet<>(where)) {
            Optional<Long> ts = ref == null ? Optional.empty() : Ts.parse(ref.ts());
            if (ts.isEmpty() || ref.channelId() == null || ref.channelId().isBlank() || ref.channelId().length() > 24) {
                continue;
            }
            // One transaction per message: each takes its own channel's lock, never two at once.
            if (Boolean.TRUE.equals(tx.execute(status -> replaceFile(workspaceId, ref.channelId(), ts.get(), fileId,
                    replacement)))) {
                changed++;
            }
        }
        return changed;
    }

    /** The file object, if it is one with this id, within the size a message's files may have. */
    private static JsonNode fileObject(String fileId, String file) {
        if (fileId == null || file == null || file.length() > MessageContent.MAX_FILES_CHARS) {
            return null;
        }
        try {
            JsonNode tree = SlackJson.tree(file);
            return MessageContent.isFile(tree) && tree.path("id").asString().equals(fileId) ? tree : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean replaceFile(String workspaceId, String channelId, long ts, String fileId, JsonNode replacement) {
        Supplier<Optional<Message>> sharing = () -> messages.find(workspaceId, channelId, ts)
                .filter(m -> m.files() != null && !"tombstone".equals(m.subtype()));
        // Looked up before locking too: a ref to a channel with no such message creates no sequence for it.
        if (sharing.get().isEmpty()) {
            return false;
        }
        outbox.lock(workspaceId, channelId);
        Optional<Message> found = sharing.get();
        if (found.isEmpty()) {
            return false;
        }
        Message before = found.get();
        JsonNode files = SlackJson.tree(before.files());
        int at = -1;
        for (int i = 0; i < files.size(); i++) {
            if (fileId.equals(files.get(i).path("id").asString(null))) {
                at = i;
                break;
            }
        }
        if (at < 0 || files.get(at).equals(replacement)) {
            return false;
        }
        ((ArrayNode) files).set(at, replacement);
        Message after = before.withFiles(SlackJson.write(files));
        ChannelEventOutbox.Slot slot = outbox.next(workspaceId, channelId);
        messages.updateFiles(workspaceId, channelId, ts, after.files());
        appendChanged(before, after, slot);
        return true;
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
            outbox.appendAbout(message.ts(), slot, "message", SlackJson.write(event));
            return message;
        });
    }

    /**
     * An ephemeral message: delivered live to one member of the channel on their user stream, never stored and never
     * numbered in the channel's sequence (the other members have nothing to miss).
     */
    public String postEphemeral(Caller caller, String channelId, String userId, String text, String blocks,
                                String attachments, String threadTs) {
        MessageContent.checkNew(text, blocks, attachments);
        access(caller, channelId).requirePostable();
        // Only the recipient's membership matters here, which its role does not change.
        if (userId == null || !channels.access(new ChannelClient.AccessQuery(caller.workspaceId(), channelId, userId, null))
                .member()) {
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
        readable(caller, channelId);
        if (text == null && blocks == null && attachments == null) {
            throw new SlackApiException("no_text");
        }
        MessageContent.check(text, blocks, attachments);
        List<String> newMentions = text == null ? null : groupMentions.resolve(caller.workspaceId(), Mentions.parse(text));
        return tx.execute(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            Message before = messages.find(caller.workspaceId(), channelId, messageTs)
                    .filter(m -> !"tombstone".equals(m.subtype()))
                    .orElseThrow(() -> new SlackApiException("message_not_found"));
            if (before.isChannelRecord() || !before.userId().equals(caller.userId())) {
                throw new SlackApiException("cant_update_message");
            }
            ChannelEventOutbox.Slot slot = outbox.next(caller.workspaceId(), channelId);
            Message after = before.edited(text == null ? before.text() : text,
                    blocks == null ? before.blocks() : blocks, attachments == null ? before.attachments() : attachments,
                    new Message.Edit(caller.userId(), slot.tsMicros()));
            messages.update(after, newMentions != null ? newMentions
                    : messages.mentions(caller.workspaceId(), channelId, before.ts()));
            appendChanged(before, after, slot);
            return after;
        });
    }

    /** The {@code message_changed} event of a message's change, in the channel's sequence at {@code slot}. */
    private void appendChanged(Message before, Message after, ChannelEventOutbox.Slot slot) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("subtype", "message_changed");
        event.put("hidden", true);
        event.put("channel", before.channelId());
        event.put("message", MessageViews.plain(after));
        event.put("previous_message", MessageViews.plain(before));
        event.put("ts", slot.ts());
        event.put("event_ts", slot.ts());
        outbox.appendAbout(before.ts(), slot, "message_changed", SlackJson.write(event));
    }

    /**
     * Deletes; authors delete their own messages, workspace admins anyone's, and nobody a channel message. The
     * message's earlier events in the outbox lose its content in the same transaction, and the deletion event
     * carries none, so what was deleted is gone from the outbox as well as from history.
     */
    public void delete(Caller caller, String channelId, String ts) {
        long messageTs = Ts.parse(ts).orElseThrow(() -> new SlackApiException("message_not_found"));
        readable(caller, channelId);
        tx.executeWithoutResult(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            Message message = messages.find(caller.workspaceId(), channelId, messageTs)
                    .filter(m -> !"tombstone".equals(m.subtype()))
                    .orElseThrow(() -> new SlackApiException("message_not_found"));
            if (message.isChannelRecord() || (!message.userId().equals(caller.userId()) && !caller.isAdmin())) {
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
            event.put("previous_message", MessageViews.withoutContent(message));
            event.put("ts", slot.ts());
            event.put("event_ts", slot.ts());
            outbox.appendAbout(messageTs, slot, "message_deleted", SlackJson.write(event));
            outbox.redact(caller.workspaceId(), channelId, messageTs, payload -> MessageViews.redact(payload, messageTs));
        });
    }

    /** A message the caller can see, or {@code message_not_found}. */
    public Message find(Caller caller, String channelId, String ts) {
        long messageTs = Ts.parse(ts).orElseThrow(() -> new SlackApiException("message_not_found"));
        readable(caller, channelId);
        return stored(caller, channelId, messageTs);
    }

    /** A message of a channel the caller may post in (for pinning), checked with one access lookup. */
    public Message findPostable(Caller caller, String channelId, String ts) {
        access(caller, channelId).requirePostable();
        return stored(caller, channelId, Ts.parse(ts).orElseThrow(() -> new SlackApiException("message_not_found")));
    }

    /** A stored message, for callers that have already checked the reader may see its channel. */
    public Optional<Message> stored(String workspaceId, String channelId, long ts) {
        return messages.find(workspaceId, channelId, ts);
    }

    /**
     * Those of the channels the caller can see: the ones they are in, found with one call, and the public ones among
     * the rest, asked one by one.
     */
    public Set<String> visibleChannels(Caller caller, Collection<String> channelIds) {
        if (channelIds.isEmpty()) {
            return Set.of();
        }
        Set<String> mine = new HashSet<>();
        channels.memberChannels(new ChannelClient.MemberQuery(caller.workspaceId(), caller.userId())).channels()
                .forEach(head -> mine.add(head.channelId()));
        Set<String> visible = new HashSet<>();
        for (String channelId : channelIds) {
            if (mine.contains(channelId) || access(caller, channelId).visible()) {
                visible.add(channelId);
            }
        }
        return visible;
    }

    private Message stored(Caller caller, String channelId, long ts) {
        return messages.find(caller.workspaceId(), channelId, ts)
                .orElseThrow(() -> new SlackApiException("message_not_found"));
    }

    /**
     * A page of history between low and high (inclusive bounds), newest first: at most {@link #MAX_PAGE} messages,
     * fewer when their content passes {@link #PAGE_CHARS}.
     */
    public Page history(Caller caller, String channelId, long low, long high, int limit) {
        caller.requireScope(Scopes.historyOf(readable(caller, channelId).type()));
        if (low > high) {
            return new Page(List.of(), false, null);
        }
        MessageRepository.Slice found = messages.history(caller.workspaceId(), channelId, low, high,
                Math.clamp(limit, 1, MAX_PAGE), PAGE_CHARS);
        return page(found);
    }

    private static Page page(MessageRepository.Slice found) {
        boolean more = found.more() && !found.messages().isEmpty();
        return new Page(found.messages(), more, more ? found.messages().getLast().ts() : null);
    }

    /** The thread's parent and a page of its replies between low and high (inclusive), oldest first, bounded like history. */
    public Page replies(Caller caller, String channelId, String threadTs, long low, long high, int limit) {
        long ts = Ts.parse(threadTs).orElseThrow(() -> new SlackApiException("thread_not_found"));
        caller.requireScope(Scopes.historyOf(readable(caller, channelId).type()));
        Message parent = messages.find(caller.workspaceId(), channelId, ts)
                .orElseThrow(() -> new SlackApiException("thread_not_found"));
        if (parent.isReply()) {
            parent = messages.find(caller.workspaceId(), channelId, parent.threadTs())
                    .orElseThrow(() -> new SlackApiException("thread_not_found"));
        }
        Page page = low > high ? new Page(List.of(), false, null)
                : page(messages.replies(caller.workspaceId(), channelId, parent.ts(), low, high,
                        Math.clamp(limit, 1, MAX_PAGE), PAGE_CHARS - parent.size()));
        List<Message> withParent = new java.util.ArrayList<>(page.messages().size() + 1);
        withParent.add(parent);
        withParent.addAll(page.messages());
        return new Page(withParent, page.hasMore(), page.next());
    }

    /** Unread messages after the marker: all, those of others, and those of others mentioning the user. */
    public long[] unread(String workspaceId, String channelId, String userId, long afterTs) {
        long[] counts = messages.countAfter(workspaceId, channelId, afterTs, userId);
        return new long[] {counts[0], counts[1], messages.mentionsAfter(workspaceId, channelId, afterTs, userId)};
    }

    /**
     * A channel whose messages the caller may read: visible to them, and for a bot one it is in, as Slack requires of
     * bots ({@code not_in_channel}) even for public channels.
     */
    public ChannelAccess readable(Caller caller, String channelId) {
        ChannelAccess access = access(caller, channelId).requireReadable();
        if (caller.isBot() && !access.member()) {
            throw new SlackApiException("not_in_channel");
        }
        return access;
    }

    public ChannelAccess access(Caller caller, String channelId) {
        if (channelId == null || channelId.isBlank() || channelId.length() > 24) {
            throw new SlackApiException("channel_not_found");
        }
        return channels.access(ChannelClient.AccessQuery.of(caller, channelId));
    }
}
