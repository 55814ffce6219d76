package dev.parley.messaging.message;

import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.pin.PinRepository;
import dev.parley.messaging.reaction.ReactionRepository;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Messages in Slack's JSON shape, with their reactions and pins looked up once per page. */
@Component
public class MessageViews {

    private final ReactionRepository reactions;
    private final PinRepository pins;

    MessageViews(ReactionRepository reactions, PinRepository pins) {
        this.reactions = reactions;
        this.pins = pins;
    }

    /** A page of messages of one channel, each with its reactions and pins. */
    public List<Map<String, Object>> page(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Message first = messages.getFirst();
        long low = messages.stream().mapToLong(Message::ts).min().orElseThrow();
        long high = messages.stream().mapToLong(Message::ts).max().orElseThrow();
        Map<Long, List<ReactionRepository.Reaction>> reacted = reactions.forRange(first.workspaceId(), first.channelId(), low, high);
        Set<Long> pinned = new HashSet<>(pins.pinnedIn(first.workspaceId(), first.channelId(), low, high));
        return messages.stream().map(m -> view(m, reacted.getOrDefault(m.ts(), List.of()), pinned.contains(m.ts()))).toList();
    }

    public Map<String, Object> one(Message message) {
        return page(List.of(message)).getFirst();
    }

    /** The message without reactions or pins: what a new message or an event carries. */
    public static Map<String, Object> plain(Message m) {
        return view(m, List.of(), false);
    }

    /** The message as a deletion event shows it: who wrote it and where, without what it said. */
    public static Map<String, Object> withoutContent(Message m) {
        Map<String, Object> v = plain(m);
        CONTENT.forEach(v::remove);
        v.put("text", "");
        return v;
    }

    /** The fields that hold what a message says (files are Slack's, for messages that share them). */
    private static final List<String> CONTENT = List.of("text", "blocks", "attachments", "files");

    /**
     * An event payload with the message of this ts stripped of its content wherever it appears in it (the message
     * of a {@code message} event, {@code message} and {@code previous_message} of an edit, a pin's item, …).
     */
    public static String redact(String payload, long ts) {
        JsonNode tree = SlackJson.tree(payload);
        return strip(tree, Ts.format(ts)) ? SlackJson.write(tree) : payload;
    }

    private static boolean strip(JsonNode node, String ts) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            if (ts.equals(object.path("ts").asString(null))
                    && CONTENT.stream().anyMatch(f -> object.has(f) && !(f.equals("text") && object.path(f).asString("").isEmpty()))) {
                CONTENT.forEach(object::remove);
                object.put("text", "");
                changed = true;
            }
            for (JsonNode child : object.values()) {
                changed |= strip(child, ts);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node.values()) {
                changed |= strip(child, ts);
            }
        }
        return changed;
    }

    static Map<String, Object> view(Message m, List<ReactionRepository.Reaction> reactionList, boolean pinned) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", "message");
        if (m.subtype() != null) {
            v.put("subtype", m.subtype());
        }
        if (m.bot() != null) {
            v.put("bot_id", m.bot().id());
        }
        // Slack's bot_message (what an incoming webhook posts) has no user, only its bot and the bot's name.
        if (m.bot() != null && Message.BOT_MESSAGE.equals(m.subtype())) {
            v.put("username", m.bot().name());
        } else {
            v.put("user", m.userId());
        }
        v.put("text", m.text());
        v.put("ts", Ts.format(m.ts()));
        v.put("team", m.workspaceId());
        if (m.bot() != null) {
            v.put("app_id", m.bot().appId());
            v.put("bot_profile", m.bot().toSlack());
        }
        if (m.clientMsgId() != null) {
            v.put("client_msg_id", m.clientMsgId());
        }
        m.extras().forEach(v::putIfAbsent);
        if (m.blocks() != null) {
            v.put("blocks", SlackJson.tree(m.blocks()));
        }
        if (m.attachments() != null) {
            v.put("attachments", SlackJson.tree(m.attachments()));
        }
        if (m.files() != null) {
            // Slack's modern file share: a plain message (no file_share subtype) whose files were uploaded with it.
            v.put("files", SlackJson.tree(m.files()));
            v.put("upload", true);
            v.put("display_as_bot", false);
        }
        if (m.isReply()) {
            v.put("thread_ts", Ts.format(m.threadTs()));
        } else if (m.hasReplies()) {
            v.put("thread_ts", Ts.format(m.ts()));
            v.put("reply_count", m.thread().replyCount());
            v.put("reply_users_count", m.thread().replyUsersCount());
            v.put("latest_reply", Ts.format(m.thread().latestReply()));
            v.put("reply_users", m.thread().replyUsers());
            v.put("is_locked", false);
            v.put("subscribed", false);
        }
        if (m.edited() != null) {
            v.put("edited", Map.of("user", m.edited().user(), "ts", Ts.format(m.edited().ts())));
        }
        if (!reactionList.isEmpty()) {
            v.put("reactions", reactionList.stream().map(r -> {
                Map<String, Object> reaction = new LinkedHashMap<>();
                reaction.put("name", r.name());
                reaction.put("users", r.users());
                reaction.put("count", r.users().size());
                return reaction;
            }).toList());
        }
        if (pinned) {
            v.put("pinned_to", List.of(m.channelId()));
        }
        return v;
    }
}
