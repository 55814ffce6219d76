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
import tools.jackson.databind.JsonNode;

/**
 * The sockets of this gateway, by workspace. A workspace's pub/sub topic is followed while it has a socket here; each
 * event goes to the sockets whose user is in the event's channel, and membership events update that on the way.
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
        String joiningUser = null;
        String leavingUser = null;
        if (event.type().equals("member_joined_channel") || event.type().equals("member_left_channel")) {
            JsonNode payload = SlackJson.tree(event.payload());
            String user = payload.path("user").asString(null);
            if (event.type().equals("member_joined_channel")) {
                joiningUser = user;
            } else {
                leavingUser = user;
            }
        }
        for (Connection c : w.connections) {
            String userId = c.caller().userId();
            if (userId.equals(joiningUser)) {
                c.follow(event.channelId());
            }
            if (c.follows(event.channelId())) {
                c.send(event.payload());
            }
            if (userId.equals(leavingUser)) {
                c.unfollow(event.channelId());
            }
        }
    }
}
