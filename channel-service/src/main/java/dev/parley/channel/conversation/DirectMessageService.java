package dev.parley.channel.conversation;

import dev.parley.channel.client.People;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.id.Ids;
import dev.parley.workspace.client.WorkspaceClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Direct messages: the one im of two users (or of a user with themselves) and the one mpim of 3 to 9 users. */
@Service
public class DirectMessageService {

    static final int MAX_MPIM_OTHERS = 8;

    /** The conversation and whether it existed already. */
    public record Opened(Channel channel, boolean alreadyOpen) {
    }

    private final ChannelRepository channels;
    private final ChannelEvents events;
    private final ObjectProvider<WorkspaceClient> workspace;
    private final TransactionTemplate tx;
    private final People people;

    DirectMessageService(ChannelRepository channels, ChannelEvents events, ObjectProvider<WorkspaceClient> workspace,
                         TransactionTemplate tx, People people) {
        this.channels = channels;
        this.events = events;
        this.workspace = workspace;
        this.tx = tx;
        this.people = people;
    }

    public Opened open(Caller caller, List<String> userIds) {
        TreeSet<String> members = new TreeSet<>(userIds);
        members.remove(caller.userId());
        if (members.size() > MAX_MPIM_OTHERS) {
            throw new SlackApiException("too_many_users");
        }
        caller.requireScope(members.size() > 1 ? Scopes.MPIM_WRITE : Scopes.IM_WRITE);
        if (!members.isEmpty()) {
            List<String> found = workspace.getObject()
                    .activeUsers(new WorkspaceClient.UserIds(caller.workspaceId(), List.copyOf(members))).userIds();
            // A guest talks only with people it can see; anyone else does not exist for it.
            if (found.size() != members.size() || people.visible(caller, found).size() != found.size()) {
                throw new SlackApiException("user_not_found");
            }
        }
        members.add(caller.userId());
        String key = String.join(",", members);
        for (int attempt = 0; attempt < 3; attempt++) {
            var existing = channels.findDirect(caller.workspaceId(), key).flatMap(id -> channels.find(caller.workspaceId(), id));
            if (existing.isPresent()) {
                return new Opened(existing.get(), true);
            }
            try {
                return new Opened(tx.execute(status -> create(caller, members, key)), false);
            } catch (RacedException raced) {
                // Someone opened the same conversation at the same moment: read theirs.
            }
        }
        throw new SlackApiException("internal_error");
    }

    /** Creates the conversation; a concurrent open that created it first makes this throw (and roll back). */
    private Channel create(Caller caller, TreeSet<String> members, String key) {
        boolean im = members.size() <= 2;
        long now = System.currentTimeMillis() / 1000;
        String id = im ? Ids.directMessage() : Ids.privateChannel();
        String name = im ? null : "mpdm-" + String.join("--", members).toLowerCase(Locale.ROOT) + "-1";
        Channel channel = new Channel(caller.workspaceId(), id, name, im ? Channel.IM : Channel.MPIM, caller.userId(), now,
                false, Channel.Topic.NONE, Channel.Topic.NONE);
        if (!channels.insertDirect(caller.workspaceId(), key, id) || !channels.insert(channel)) {
            throw new RacedException();
        }
        for (String member : members) {
            channels.addMember(caller.workspaceId(), id, member, now);
        }
        List<String> everyone = List.copyOf(members);
        events.emit(channel, im ? "im_created" : "mpim_joined",
                Map.of("user", caller.userId(), "channel", ChannelView.brief(channel)),
                ChannelEvent.Routing.users(everyone).joining(everyone));
        return channel;
    }

    /** Signals a lost creation race; the transaction template rolls back and the caller reads the winner. */
    private static final class RacedException extends RuntimeException {
        RacedException() {
            super(null, null, false, false);
        }
    }
}
