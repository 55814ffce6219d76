package dev.parley.presence.online;

import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Live heartbeats in {@link TtlKeys}: one key per (user, gateway) with the user's sockets and latest activity there,
 * and one key per gateway; each expires {@code offline-after} the heartbeat that wrote it, so a gateway that dies
 * takes its users offline by itself.
 */
@Component
class BeatStore {

    /** {@code presence:beat:<workspace>:<user>:<gateway>} = {@code <connections>:<lastActivityMillis>}. */
    static final String BEAT = "presence:beat:";
    /** {@code presence:gateway:<gateway>}, alive while that gateway sends heartbeats. */
    static final String GATEWAY = "presence:gateway:";

    /** One gateway's latest report on one user. */
    record Beat(String gatewayId, int connections, long lastActivityMillis) {
    }

    private final TtlKeys keys;
    private final Duration ttl;
    private final long directoryMaxAgeNanos;
    // Gateways whose heartbeats this process handled itself, so their users count before the next directory scan.
    private final Map<String, Long> reportedHere = new ConcurrentHashMap<>();
    private volatile Set<String> scanned = Set.of();
    private volatile long scannedAt;
    private volatile boolean everScanned;

    BeatStore(TtlKeys keys, PresenceProperties properties) {
        this.keys = keys;
        this.ttl = properties.offlineAfter();
        this.directoryMaxAgeNanos = properties.sweepInterval().toNanos();
    }

    void gatewayAlive(String gatewayId) {
        keys.set(GATEWAY + gatewayId, "1", ttl);
        reportedHere.put(gatewayId, System.nanoTime());
    }

    void put(String gatewayId, UserRef user, int connections, long lastActivityMillis) {
        keys.set(key(user, gatewayId), connections + ":" + lastActivityMillis, ttl);
    }

    void remove(String gatewayId, UserRef user) {
        keys.delete(key(user, gatewayId));
    }

    /** Each user's live beats, one per gateway that holds sockets of theirs. */
    Map<UserRef, List<Beat>> beats(Collection<UserRef> users) {
        Set<String> gateways = gateways();
        List<String> wanted = new ArrayList<>(users.size() * gateways.size());
        for (UserRef user : users) {
            for (String gateway : gateways) {
                wanted.add(key(user, gateway));
            }
        }
        Map<String, String> found = wanted.isEmpty() ? Map.of() : keys.getAll(wanted);
        Map<UserRef, List<Beat>> beats = new HashMap<>();
        for (UserRef user : users) {
            List<Beat> live = new ArrayList<>(1);
            for (String gateway : gateways) {
                Beat beat = parse(gateway, found.get(key(user, gateway)));
                if (beat != null) {
                    live.add(beat);
                }
            }
            beats.put(user, live);
        }
        return beats;
    }

    /**
     * The gateways alive now: a scan of the gateway keys, repeated at most once a sweep interval because it walks
     * Redis's whole key space, plus those reporting here since.
     */
    Set<String> gateways() {
        long now = System.nanoTime();
        if (!everScanned || now - scannedAt > directoryMaxAgeNanos) {
            synchronized (this) {
                if (!everScanned || now - scannedAt > directoryMaxAgeNanos) {
                    Set<String> found = new HashSet<>();
                    keys.scan(GATEWAY).keySet().forEach(key -> found.add(key.substring(GATEWAY.length())));
                    scanned = found;
                    scannedAt = System.nanoTime();
                    everScanned = true;
                }
            }
        }
        Set<String> gateways = new HashSet<>(scanned);
        reportedHere.forEach((gateway, at) -> {
            if (now - at < ttl.toNanos()) {
                gateways.add(gateway);
            } else {
                reportedHere.remove(gateway, at);
            }
        });
        return gateways;
    }

    private static String key(UserRef user, String gatewayId) {
        return BEAT + user.key() + ":" + gatewayId;
    }

    private static Beat parse(String gatewayId, String value) {
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        try {
            return new Beat(gatewayId, Integer.parseInt(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
        } catch (RuntimeException unreadable) {
            return null; // not written by this class; treat it as no beat
        }
    }
}
