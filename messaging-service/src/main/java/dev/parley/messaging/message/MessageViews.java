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

    static Map<String, Object> view(Message m, List<ReactionRepository.Reaction> reactionList, boolean pinned) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", "message");
        if (m.subtype() != null) {
            v.put("subtype", m.subtype());
        }
        v.put("user", m.userId());
        v.put("text", m.text());
        v.put("ts", Ts.format(m.ts()));
        v.put("team", m.workspaceId());
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
