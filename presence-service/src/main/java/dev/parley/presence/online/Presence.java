package dev.parley.presence.online;

import java.time.Duration;
import java.util.Collection;

/**
 * A user's presence at one moment, as {@code users.getPresence} reports it: {@code active} when connected, not
 * manually away and recently active on any device, otherwise {@code away}.
 */
public record Presence(boolean online, boolean manualAway, boolean autoAway, int connectionCount,
                       long lastActivityMillis) {

    public static final String ACTIVE = "active";
    public static final String AWAY = "away";

    /** Computes presence from the user's live beats (one per gateway) and their manual away flag. */
    static Presence of(Collection<BeatStore.Beat> beats, boolean manualAway, long nowMillis, Duration awayAfter) {
        int connections = 0;
        long lastActivity = 0;
        for (BeatStore.Beat beat : beats) {
            connections += beat.connections();
            lastActivity = Math.max(lastActivity, beat.lastActivityMillis());
        }
        boolean online = connections > 0;
        boolean autoAway = !online || lastActivity <= 0 || nowMillis - lastActivity >= awayAfter.toMillis();
        return new Presence(online, manualAway, autoAway, connections, online ? lastActivity : 0);
    }

    /** Slack's {@code presence}: {@code active} or {@code away}; offline users are away. */
    public String presence() {
        return online && !manualAway && !autoAway ? ACTIVE : AWAY;
    }
}
