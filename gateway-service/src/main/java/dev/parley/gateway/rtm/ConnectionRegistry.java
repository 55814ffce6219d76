package dev.parley.gateway.rtm;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.gateway.fanout.Fanout;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sockets of this gateway, by workspace. A workspace's pub/sub topic is followed while it has a socket here; each
 * event goes to the sockets its routing names (by default the channel's members), and membership changes carried by
 * the routing update who follows which channel on the way.
 */
@Component
public class ConnectionRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final PubSub pubSub;
    private final Map<String, Workspace> workspaces = new ConcurrentHashMap<>();

    ConnectionRegistry(PubSub pubSub) {
        this.pubSub = pubSub;
    }

    private final class Workspace {
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        PubSub.Subscription subscription;
    }

    /** Adds the socket; returns once this gateway is listening to the socket's workspace. */
    public void register(Connection connection) {
        String workspaceId = connection.caller().workspaceId();
        workspaces.compute(workspaceId, (id, ws) -> {
            Workspace w = ws == null ? new Workspace() : ws;
            if (w.subscription == null) {
                w.subscription = pubSub.subscribe(Fanout.topic(id), this::onEvent);
            }
            w.connections.add(connection);
            return w;
        });
    }

    public void unregister(Connection connection) {
        workspaces.computeIfPresent(connection.caller().workspaceId(), (id, w) -> {
            w.connections.remove(connection);
            if (w.connections.isEmpty()) {
                w.subscription.close();
                return null;
            }
            return w;
        });
    }

    public int size() {
        return workspaces.values().stream().mapToInt(w -> w.connections.size()).sum();
    }

    void onEvent(String message) {
        ChannelEvent event;
        try {
            event = SlackJson.read(message, ChannelEvent.class);
        } catch (RuntimeException e) {
            log.warn("Dropping an unreadable channel event: {}", e.toString());
            return;
        }
        Workspace w = workspaces.get(event.workspaceId());
        if (w == null) {
            return;
        }
        ChannelEvent.Routing routing = event.routing();
        for (Connection c : w.connections) {
            String userId = c.caller().userId();
            if (routing.joined().contains(userId)) {
                c.follow(event.channelId());
            }
            boolean deliver = switch (routing.audience()) {
                case MEMBERS -> c.follows(event.channelId());
                case WORKSPACE -> true;
                case USERS -> routing.users().contains(userId);
            };
            if (deliver) {
                c.send(event.payload());
            }
            if (routing.left().contains(userId)) {
                c.unfollow(event.channelId());
            }
        }
    }
}
