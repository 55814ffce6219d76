package dev.parley.common.event.outbox;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.EventLog;
import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publishes committed, unpublished outbox rows to the event log, then marks them published. A crash between the
 * two publishes them again (at least once; consumers drop a sequence number they have seen). Only the holder of
 * the relay lease relays, so processes sharing a store do not race each other.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String LEASE = "outbox-relay";
    private static final Duration LEASE_TTL = Duration.ofSeconds(10);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final EventLog eventLog;
    private final TtlKeys leases;
    private final Duration pollInterval;
    private final String owner = UUID.randomUUID().toString();
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private long leaseRenewedAt;

    public OutboxRelay(JdbcTemplate jdbc, EventLog eventLog, TtlKeys leases, ChannelEventOutbox outbox, Duration pollInterval) {
        this.jdbcTemplate = jdbc;
        this.jdbc = JdbcClient.create(jdbc);
        this.eventLog = eventLog;
        this.leases = leases;
        this.pollInterval = pollInterval;
        outbox.onCommit(this::nudge);
    }

    /** Wakes the relay now instead of at its next poll. */
    public void nudge() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Publishes everything pending once; true when it found something to publish. */
    boolean relayOnce() {
        // The one deliberate cross-shard query: on Vitess it scatters to every shard's unpublished rows.
        List<ChannelEvent> pending = jdbc.sql("/* scatter: outbox relay */ SELECT workspace_id, channel_id, seq, event_type, "
                        + "payload, routing FROM channel_event "
                        + "WHERE published = FALSE ORDER BY event_ts, workspace_id, channel_id, seq LIMIT ?")
                .param(BATCH)
                .query((rs, n) -> new ChannelEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), ChannelEventOutbox.routing(rs.getString(6))))
                .list();
        if (pending.isEmpty()) {
            return false;
        }
        eventLog.publish(pending);
        jdbcTemplate.batchUpdate("UPDATE channel_event SET published = TRUE WHERE workspace_id = ? AND channel_id = ? AND seq = ?",
                pending.stream().map(e -> new Object[] {e.workspaceId(), e.channelId(), e.seq()}).toList());
        return pending.size() == BATCH;
    }

    private void run() {
        while (thread != null) {
            try {
                boolean more = holdsLease() && relayOnce();
                if (!more) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, retrying: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private boolean holdsLease() {
        long now = System.nanoTime();
        if (leaseRenewedAt != 0 && now - leaseRenewedAt < LEASE_TTL.toNanos() / 3) {
            return true;
        }
        boolean held = leases.acquire(LEASE, owner, LEASE_TTL);
        leaseRenewedAt = held ? now : 0;
        return held;
    }

    @Override
    public void start() {
        Thread t = Thread.ofPlatform().daemon().name("outbox-relay").unstarted(this::run);
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
