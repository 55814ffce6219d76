package dev.parley.messaging.message;

import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.messaging.pin.PinRepository;
import dev.parley.messaging.reaction.ReactionRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Messages as they are stored now, with their reactions and pin state, for services that keep a copy in step with
 * the store (the search index): a few by ts, or a whole channel page by page.
 */
@Component
public class MessageExport {

    /** The most ts one {@link #current} call reads, and the biggest export page. */
    public static final int MAX = 500;

    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final PinRepository pins;

    MessageExport(MessageRepository messages, ReactionRepository reactions, PinRepository pins) {
        this.messages = messages;
        this.reactions = reactions;
        this.pins = pins;
    }

    /** The messages of these ts that exist, in the order asked; ts that do not parse or name nothing are left out. */
    public List<MessagingClient.StoredMessage> current(String workspaceId, String channelId, List<String> tsList) {
        List<MessagingClient.StoredMessage> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (String raw : tsList.stream().limit(MAX).toList()) {
            Optional<Long> ts = Ts.parse(raw);
            if (ts.isEmpty() || !seen.add(ts.get())) {
                continue;
            }
            messages.find(workspaceId, channelId, ts.get()).ifPresent(m -> {
                // One message's range: a wide range between far-apart ts would read every reaction in between.
                Map<Long, List<ReactionRepository.Reaction>> reacted = reactions.forRange(workspaceId, channelId, m.ts(), m.ts());
                boolean pinned = !pins.pinnedIn(workspaceId, channelId, m.ts(), m.ts()).isEmpty();
                found.add(stored(m, reacted.getOrDefault(m.ts(), List.of()), pinned));
            });
        }
        return found;
    }

    /** A page of a channel's messages after {@code afterTs}, oldest first, and whether the page was full. */
    public MessagingClient.StoredMessages page(String workspaceId, String channelId, long afterTs, int limit) {
        int size = Math.clamp(limit, 1, MAX);
        List<Message> page = messages.allAfter(workspaceId, channelId, afterTs, size);
        if (page.isEmpty()) {
            return new MessagingClient.StoredMessages(List.of(), false);
        }
        long low = page.getFirst().ts();
        long high = page.getLast().ts();
        Map<Long, List<ReactionRepository.Reaction>> reacted = reactions.forRange(workspaceId, channelId, low, high);
        Set<Long> pinned = new HashSet<>(pins.pinnedIn(workspaceId, channelId, low, high));
        return new MessagingClient.StoredMessages(page.stream()
                .map(m -> stored(m, reacted.getOrDefault(m.ts(), List.of()), pinned.contains(m.ts())))
                .toList(), page.size() == size);
    }

    private static MessagingClient.StoredMessage stored(Message m, List<ReactionRepository.Reaction> reacted,
                                                       boolean pinned) {
        String threadTs = m.isReply() ? Ts.format(m.threadTs()) : m.hasReplies() ? Ts.format(m.ts()) : null;
        return new MessagingClient.StoredMessage(m.workspaceId(), m.channelId(), Ts.format(m.ts()), threadTs,
                m.thread().replyCount(), m.userId(), m.bot() == null ? null : m.bot().id(), m.subtype(), m.text(),
                m.blocks(), m.attachments(), reacted.stream().map(ReactionRepository.Reaction::name).toList(), pinned,
                fileIds(m.files()));
    }

    /** The ids of the files a message shares, without the tombstones of deleted ones. */
    static List<String> fileIds(String files) {
        if (files == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode file : SlackJson.tree(files).values()) {
            if (MessageContent.isFile(file) && !"tombstone".equals(file.path("mode").asString(""))) {
                ids.add(file.path("id").asString());
            }
        }
        return ids;
    }
}
