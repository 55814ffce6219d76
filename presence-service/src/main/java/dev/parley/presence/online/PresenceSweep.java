package dev.parley.presence.online;

import dev.parley.common.lease.LeasedLoop;
import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Notices the presence changes no request brings: heartbeats that expired (a gateway died, a network split) and
 * activity that aged past {@code away-after}. Only the holder of the sweep lease sweeps, so several presence
 * processes publish each change once.
 */
@Component
class PresenceSweep extends LeasedLoop {

    static final String LEASE = "presence:sweep-lease";

    private final PresenceService presence;
    private final Duration interval;

    PresenceSweep(PresenceService presence, TtlKeys leases, PresenceProperties properties) {
        // Renewed as it sweeps; outlives a few missed sweeps before another process takes over.
        super(leases, LEASE, max(properties.sweepInterval().multipliedBy(3), Duration.ofSeconds(10)), "presence-sweep");
        this.presence = presence;
        this.interval = properties.sweepInterval();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) > 0 ? a : b;
    }

    /** Sweeps once if this process holds (or can take) the lease; true when it swept. */
    boolean sweepOnce() {
        if (!holdsLease()) {
            return false;
        }
        presence.sweep();
        return true;
    }

    @Override
    protected boolean round() {
        presence.sweep();
        return false;
    }

    @Override
    protected void pause() throws InterruptedException {
        Thread.sleep(interval.toMillis());
    }
}
