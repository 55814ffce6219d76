package dev.parley.presence.online;

import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.presence.client.PresenceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Presence from gateway heartbeats and manual away. Whenever a user's presence changes (a heartbeat, a disconnect,
 * manual away, or an expiry the sweep notices) it publishes {@code presence_change} on {@code presence.<workspace>},
 * once per change even with several presence processes: the last published presence is swapped atomically in
 * TtlKeys, and only the process that swaps it publishes.
 */
@Service
public class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    /** {@code presence:state:<workspace>:<user>} = {@code <presence>:<writtenAtMillis>}, the last one published. */
    static final String STATE = "presence:state:";
    // A published "active" outlives any heartbeat gap, and is rewritten well before it lapses, so it never expires
    // under a user who stays active (which would publish "active" twice); the sweep replaces it once they are away.
    private static final Duration ACTIVE_MEMORY = Duration.ofDays(1);
    private static final int SWEEP_BATCH = 1000;

    private final BeatStore beats;
    private final PresenceRepository manualAway;
    private final TtlKeys keys;
    private final PubSub pubSub;
    private final PresenceProperties properties;
    // Serialises compute-and-publish in this process, so a heartbeat computed before a manual change cannot publish
    // after it; between processes the atomic swap keeps events to one per change.
    private final ReentrantLock publishing = new ReentrantLock();

    PresenceService(BeatStore beats, PresenceRepository manualAway, TtlKeys keys, PubSub pubSub,
                    PresenceProperties properties) {
        this.beats = beats;
        this.manualAway = manualAway;
        this.keys = keys;
        this.pubSub = pubSub;
        this.properties = properties;
    }

    /** Records one gateway's report and publishes the presence changes it causes. */
    public void heartbeat(PresenceClient.Heartbeats report) {
        if (report == null || !validGateway(report.gatewayId()) || report.beats() == null) {
            log.debug("Ignoring a heartbeat without a usable gateway id or beats: {}", report);
            return;
        }
        beats.gatewayAlive(report.gatewayId());
        Set<UserRef> users = new LinkedHashSet<>();
        for (PresenceClient.Beat beat : report.beats()) {
            if (beat == null || !UserRef.validId(beat.workspaceId()) || !UserRef.validId(beat.userId())) {
                continue;
            }
            UserRef user = new UserRef(beat.workspaceId(), beat.userId());
            if (beat.connections() > 0) {
                beats.put(report.gatewayId(), user, beat.connections(), beat.lastActivityMillis());
            } else {
                beats.remove(report.gatewayId(), user);
            }
            users.add(user);
        }
        refresh(users);
    }

    /** Forgets the user's sockets on that gateway at once; offline when it was their last gateway. */
    public void disconnected(PresenceClient.Disconnect d) {
        if (d == null || !validGateway(d.gatewayId()) || !UserRef.validId(d.workspaceId()) || !UserRef.validId(d.userId())) {
            log.debug("Ignoring a disconnect without usable ids: {}", d);
            return;
        }
        UserRef user = new UserRef(d.workspaceId(), d.userId());
        beats.remove(d.gatewayId(), user);
        refresh(List.of(user));
    }

    /** The user's presence now. */
    public Presence presence(String workspaceId, String userId) {
        UserRef user = new UserRef(workspaceId, userId);
        return compute(List.of(user)).get(user);
    }

    /** Sets or clears manual away ({@code users.setPresence}), publishing the change it makes. */
    public void setManualAway(String workspaceId, String userId, boolean away) {
        if (away) {
            manualAway.setAway(workspaceId, userId, System.currentTimeMillis());
        } else {
            manualAway.clearAway(workspaceId, userId);
        }
        refresh(List.of(new UserRef(workspaceId, userId)));
    }

    /** Rechecks every user last published as active: their heartbeats may have expired, or their activity aged. */
    void sweep() {
        List<UserRef> active = new ArrayList<>();
        keys.scan(STATE).forEach((key, value) -> {
            if (Presence.ACTIVE.equals(presenceOf(value))) {
                UserRef.parse(key.substring(STATE.length())).ifPresent(active::add);
            }
        });
        for (int from = 0; from < active.size(); from += SWEEP_BATCH) {
            refresh(active.subList(from, Math.min(active.size(), from + SWEEP_BATCH)));
        }
    }

    private void refresh(Collection<UserRef> users) {
        if (users.isEmpty()) {
            return;
        }
        publishing.lock();
        try {
            Map<UserRef, Presence> computed = compute(users);
            Map<String, String> published = keys.getAll(users.stream().map(PresenceService::stateKey).toList());
            long nowMillis = System.currentTimeMillis();
            computed.forEach((user, presence) -> {
                String state = published.get(stateKey(user));
                if (!needsWrite(state, presence.presence(), nowMillis)) {
                    return;
                }
                Duration ttl = Presence.ACTIVE.equals(presence.presence()) ? ACTIVE_MEMORY : properties.offlineAfter();
                String before = keys.getAndSet(stateKey(user), presence.presence() + ":" + nowMillis, ttl)
                        .map(PresenceService::presenceOf).orElse(Presence.AWAY);
                if (!before.equals(presence.presence())) {
                    publish(user, presence.presence());
                }
            });
        } finally {
            publishing.unlock();
        }
    }

    /** Whether the stored state differs from the computed presence, or is an "active" due for renewal. */
    private static boolean needsWrite(String state, String presence, long nowMillis) {
        if (state == null) {
            return Presence.ACTIVE.equals(presence); // no state reads as away
        }
        if (!presence.equals(presenceOf(state))) {
            return true;
        }
        return Presence.ACTIVE.equals(presence) && nowMillis - writtenAt(state) > ACTIVE_MEMORY.toMillis() / 2;
    }

    private Map<UserRef, Presence> compute(Collection<UserRef> users) {
        Map<UserRef, List<BeatStore.Beat>> live = beats.beats(users);
        Map<String, List<String>> byWorkspace = users.stream().collect(Collectors.groupingBy(UserRef::workspaceId,
                LinkedHashMap::new, Collectors.mapping(UserRef::userId, Collectors.toList())));
        Set<UserRef> away = new HashSet<>();
        byWorkspace.forEach((workspace, ids) ->
                manualAway.awayAmong(workspace, ids).forEach(id -> away.add(new UserRef(workspace, id))));
        long nowMillis = System.currentTimeMillis();
        Map<UserRef, Presence> presence = new HashMap<>();
        for (UserRef user : users) {
            presence.put(user, Presence.of(live.getOrDefault(user, List.of()), away.contains(user), nowMillis,
                    properties.awayAfter()));
        }
        return presence;
    }

    private void publish(UserRef user, String presence) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "presence_change");
        event.put("user", user.userId());
        event.put("presence", presence);
        pubSub.publish(PresenceClient.topic(user.workspaceId()), SlackJson.write(event));
    }

    private static String stateKey(UserRef user) {
        return STATE + user.key();
    }

    private static String presenceOf(String state) {
        int colon = state.indexOf(':');
        return colon < 0 ? state : state.substring(0, colon);
    }

    private static long writtenAt(String state) {
        try {
            return Long.parseLong(state.substring(state.indexOf(':') + 1));
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private static boolean validGateway(String gatewayId) {
        return gatewayId != null && !gatewayId.isBlank() && gatewayId.length() <= 200;
    }
}
