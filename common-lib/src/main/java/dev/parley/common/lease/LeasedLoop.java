package dev.parley.common.lease;

import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background loop that one process of a deployment runs at a time: it works in rounds while it holds a lease (a
 * TTL key renewed as it goes), so processes sharing a store or a broker do not race each other, and another takes
 * over within the lease's lifetime when the holder dies. A stopping holder hands the lease over at once.
 */
public abstract class LeasedLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeasedLoop.class);

    private final TtlKeys leases;
    private final String lease;
    private final Duration ttl;
    private final String name;
    private final String owner = UUID.randomUUID().toString();
    private volatile Thread thread;
    private volatile long renewedAt;

    protected LeasedLoop(TtlKeys leases, String lease, Duration ttl, String name) {
        this.leases = leases;
        this.lease = lease;
        this.ttl = ttl;
        this.name = name;
    }

    /** One round of work, run only while this process holds the lease; true to start the next round at once. */
    protected abstract boolean round();

    /** Waits before the next round (a poll interval, or until woken). */
    protected abstract void pause() throws InterruptedException;

    /** Whether this process held the lease when it last looked, without asking the lease store. */
    protected boolean heldLastTime() {
        return renewedAt != 0;
    }

    /** Takes or renews the lease; renewal is skipped while a third of its lifetime has not passed. */
    protected boolean holdsLease() {
        long now = System.nanoTime();
        if (renewedAt != 0 && now - renewedAt < ttl.toNanos() / 3) {
            return true;
        }
        boolean held = leases.acquire(lease, owner, ttl);
        renewedAt = held ? now : 0;
        return held;
    }

    private void run() {
        while (thread != null) {
            try {
                if (!(holdsLease() && round())) {
                    pause();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (thread == null) {
                    return; // stopping: the failure is the interrupt of a call in flight
                }
                log.warn("{} failed, retrying: {}", name, e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        Thread t = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
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
        try {
            if (leases.get(lease).filter(owner::equals).isPresent()) {
                leases.delete(lease);
            }
        } catch (RuntimeException e) {
            log.debug("Could not hand over lease {}: {}", lease, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
