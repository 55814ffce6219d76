package dev.parley.presence.online;

import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Notices the presence changes no request brings: heartbeats that expired (a gateway died, a network split) and
 * activity that aged past {@code away-after}. Only the holder of the sweep lease sweeps, so several presence
 * processes publish each change once.
 */
@Component
class PresenceSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceSweep.class);
    static final String LEASE = "presence:sweep-lease";

    private final PresenceService presence;
    private final TtlKeys leases;
    private final Duration interval;
    private final Duration leaseTtl;
    private final String owner = UUID.randomUUID().toString();
    private volatile Thread thread;

    PresenceSweep(PresenceService presence, TtlKeys leases, PresenceProperties properties) {
        this.presence = presence;
        this.leases = leases;
        this.interval = properties.sweepInterval();
        // Renewed every sweep; outlives a few missed ones before another process takes over.
        this.leaseTtl = interval.multipliedBy(3).compareTo(Duration.ofSeconds(10)) > 0
                ? interval.multipliedBy(3) : Duration.ofSeconds(10);
    }

    /** Sweeps once if this process holds (or can take) the lease; true when it swept. */
    boolean sweepOnce() {
        if (!leases.acquire(LEASE, owner, leaseTtl)) {
            return false;
        }
        presence.sweep();
        return true;
    }

    private void run() {
        while (thread != null) {
            try {
                Thread.sleep(interval);
                sweepOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (thread == null) {
                    return; // stopping: the failure is the interrupt of a store call in flight
                }
                log.warn("Presence sweep failed, retrying next interval: {}", e.toString());
            }
        }
    }

    @Override
    public void start() {
        Thread t = Thread.ofPlatform().daemon().name("presence-sweep").unstarted(this::run);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leases.get(LEASE).filter(owner::equals).isPresent()) {
            leases.delete(LEASE); // hand over at once rather than after the lease expires
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
