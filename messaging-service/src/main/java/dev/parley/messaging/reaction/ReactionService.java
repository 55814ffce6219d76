package dev.parley.messaging.reaction;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.message.Message;
import dev.parley.messaging.message.MessageService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Adding and removing emoji reactions, each a channel event ({@code reaction_added}, {@code reaction_removed}). */
@Service
public class ReactionService {

    static final int MAX_DISTINCT = 50;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_+'\\-]{1,100}(::skin-tone-[2-6])?");

    private final ReactionRepository reactions;
    private final MessageService messages;
    private final ChannelEventOutbox outbox;
    private final TransactionTemplate tx;

    ReactionService(ReactionRepository reactions, MessageService messages, ChannelEventOutbox outbox, TransactionTemplate tx) {
        this.reactions = reactions;
        this.messages = messages;
        this.outbox = outbox;
        this.tx = tx;
    }

    public void add(Caller caller, String channelId, String ts, String rawName) {
        String name = validName(rawName);
        Message message = messages.find(caller, channelId, ts);
        tx.executeWithoutResult(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            if (reactions.distinctNames(caller.workspaceId(), channelId, message.ts()) >= MAX_DISTINCT) {
                throw new SlackApiException("too_many_reactions");
            }
            if (!reactions.add(caller.workspaceId(), channelId, message.ts(), name, caller.userId(), Ts.nowMicros())) {
                throw new SlackApiException("already_reacted");
            }
            emit(caller, message, name, "reaction_added");
        });
    }

    public void remove(Caller caller, String channelId, String ts, String rawName) {
        String name = validName(rawName);
        Message message = messages.find(caller, channelId, ts);
        tx.executeWithoutResult(status -> {
            outbox.lock(caller.workspaceId(), channelId);
            if (!reactions.remove(caller.workspaceId(), channelId, message.ts(), name, caller.userId())) {
                throw new SlackApiException("no_reaction");
            }
            emit(caller, message, name, "reaction_removed");
        });
    }

    private void emit(Caller caller, Message message, String name, String type) {
        ChannelEventOutbox.Slot slot = outbox.next(caller.workspaceId(), message.channelId());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("user", caller.userId());
        event.put("reaction", name);
        event.put("item_user", message.userId());
        event.put("item", Map.of("type", "message", "channel", message.channelId(), "ts", Ts.format(message.ts())));
        event.put("event_ts", slot.ts());
        outbox.append(slot, type, SlackJson.write(event));
    }

    /** A page of the messages a user reacted to, and the reaction time to continue before when there is more. */
    public record Listed(List<Message> messages, Long nextAt) {
    }

    /**
     * The messages a user reacted to that the caller can see, newest reaction first, before {@code beforeAt}: the
     * channels the caller cannot see are left out before paging, so hidden items neither fill a page nor show in its
     * cursor. At most {@code limit} messages, fewer when their content passes {@link MessageService#PAGE_CHARS}.
     */
    public Listed list(Caller caller, String userId, long beforeAt, int limit) {
        Set<String> visible = messages.visibleChannels(caller, reactions.channelsOf(caller.workspaceId(), userId));
        List<ReactionRepository.Reacted> found = reactions.byUser(caller.workspaceId(), userId, visible, beforeAt, limit + 1);
        List<Message> page = new ArrayList<>();
        long chars = 0;
        int used = 0;
        for (; used < Math.min(limit, found.size()); used++) {
            ReactionRepository.Reacted r = found.get(used);
            Optional<Message> message = messages.stored(caller.workspaceId(), r.channelId(), r.ts());
            if (message.isEmpty()) {
                continue; // deleted since: its reactions go with it
            }
            chars += message.get().size();
            if (chars > MessageService.PAGE_CHARS && !page.isEmpty()) {
                break;
            }
            page.add(message.get());
        }
        boolean more = used < found.size();
        return new Listed(page, more && used > 0 ? found.get(used - 1).lastAt() : null);
    }

    /** Names as Slack takes them: without colons, lower case. */
    static String validName(String raw) {
        if (raw == null) {
            throw new SlackApiException("invalid_name");
        }
        String name = raw.trim();
        if (name.startsWith(":") && name.endsWith(":") && name.length() > 2) {
            name = name.substring(1, name.length() - 1);
        }
        if (!NAME.matcher(name).matches()) {
            throw new SlackApiException("invalid_name");
        }
        return name;
    }
}
