package dev.parley.gateway.presence;

import dev.parley.common.json.SlackJson;
import dev.parley.gateway.connection.Connection;
import dev.parley.gateway.Periodic;
import dev.parley.gateway.connection.Connections;
import dev.parley.presence.client.PresenceClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The gateway's side of presence: reports the users it holds sockets of to the presence service (at once when a
 * user's first socket opens or last one closes, and all of them in batches every {@link #HEARTBEAT_SECONDS}), and
 * delivers presence changes to the sockets that asked for them, batched as Slack does
 * ({@code {"type":"presence_change","presence":"away","users":[…]}}) twice a second.
 */
@Component
class PresenceReporter implements SmartLifecycle {

    static final int HEARTBEAT_SECONDS = 20;
    static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(PresenceReporter.class);

    private final Connections connections;
    private final ObjectProvider<PresenceClient> presence;
    private final String gatewayId = UUID.randomUUID().toString();
    private final Map<Connection, Map<String, String>> pending = new ConcurrentHashMap<>();
    private final Periodic timer = new Periodic("gateway-presence")
            .every(Duration.ofSeconds(HEARTBEAT_SECONDS), this::heartbeat)
            .every(Duration.ofMillis(500), this::flush);
    private volatile long lastFailureLog;

    PresenceReporter(Connections connections, ObjectProvider<PresenceClient> presence) {
        this.connections = connections;
        this.presence = presence;
        connections.onUserSockets(new Connections.UserSockets() {
            @Override
            public void first(String workspaceId, String userId) {
                schedule(() -> presence.getObject().heartbeat(new PresenceClient.Heartbeats(gatewayId,
                        List.of(new PresenceClient.Beat(workspaceId, userId, 1, System.currentTimeMillis())))));
            }

            @Override
            public void last(String workspaceId, String userId) {
                schedule(() -> presence.getObject().disconnected(new PresenceClient.Disconnect(gatewayId, workspaceId, userId)));
            }
        });
        connections.onPresenceChange(this::queue);
    }

    private void schedule(Runnable call) {
        timer.execute(() -> quietly(call));
    }

    private void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            if (now - lastFailureLog > 60_000) {
                lastFailureLog = now;
                log.warn("Reporting presence failed (retried with the next heartbeat): {}", e.toString());
            }
        }
    }

    /** Every user with a socket here: socket count and latest activity across their sockets. */
    void heartbeat() {
        Map<String, PresenceClient.Beat> beats = new HashMap<>();
        for (Connection c : connections.all()) {
            beats.merge(c.workspaceId() + "/" + c.userId(),
                    new PresenceClient.Beat(c.workspaceId(), c.userId(), 1, c.lastActivityMillis()),
                    (a, b) -> new PresenceClient.Beat(a.workspaceId(), a.userId(), a.connections() + 1,
                            Math.max(a.lastActivityMillis(), b.lastActivityMillis())));
        }
        List<PresenceClient.Beat> all = new ArrayList<>(beats.values());
        for (int from = 0; from < all.size(); from += BATCH) {
            List<PresenceClient.Beat> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            quietly(() -> presence.getObject().heartbeat(new PresenceClient.Heartbeats(gatewayId, List.copyOf(batch))));
        }
    }

    private void queue(Connection connection, String userId, String presence) {
        pending.computeIfAbsent(connection, c -> new ConcurrentHashMap<>()).put(userId, presence);
    }

    /** Sends each socket its waiting changes, one frame per presence value. */
    void flush() {
        for (Connection c : List.copyOf(pending.keySet())) {
            Map<String, String> changes = pending.remove(c);
            if (changes == null || !c.isOpen()) {
                continue;
            }
            Map<String, List<String>> byPresence = new LinkedHashMap<>();
            changes.forEach((user, value) -> byPresence.computeIfAbsent(value, v -> new ArrayList<>()).add(user));
            byPresence.forEach((value, users) -> {
                Map<String, Object> frame = new LinkedHashMap<>();
                frame.put("type", "presence_change");
                frame.put("presence", value);
                frame.put("users", users);
                c.send(SlackJson.write(frame));
            });
        }
    }

    @Override
    public void start() {
        timer.start();
    }

    @Override
    public void stop() {
        timer.stop();
    }

    @Override
    public boolean isRunning() {
        return timer.isRunning();
    }
}
