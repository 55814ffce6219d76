package dev.parley.common.event.outbox;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.EventLog;
import dev.parley.common.lease.LeasedLoop;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publishes committed, unpublished outbox rows to the event log, then marks them published. A crash between the
 * two publishes them again (at least once; consumers drop a sequence number they have seen). Only the holder of
 * the relay lease relays, so processes sharing a store do not race each other. A commit wakes the relay of its own
 * process; in a process without the lease it also wakes the holder's through pub/sub ({@link #NUDGE_TOPIC}), from a
 * thread of its own so that the commit never waits on it, and several commits meanwhile make one message. The
 * poll interval is only the fallback when such a message is lost.
 */
public class OutboxRelay extends LeasedLoop {

    private static final String LEASE = "outbox-relay";
    private static final Duration LEASE_TTL = Duration.ofSeconds(10);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final EventLog eventLog;
    private final Duration pollInterval;
    private final Semaphore wakeUp = new Semaphore(0);
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final ChannelEventOutbox outbox;
    /** Topic on which a process that committed events without the lease wakes the lease holder's relay. */
    public static final String NUDGE_TOPIC = "outbox.nudge";

    private final PubSub pubSub;
    private final Semaphore remoteWakeUp = new Semaphore(0);
    private volatile Thread nudger;
    private PubSub.Subscription nudges;

    public OutboxRelay(JdbcTemplate jdbc, EventLog eventLog, TtlKeys leases, ChannelEventOutbox outbox, Duration pollInterval) {
        this(jdbc, eventLog, leases, outbox, pollInterval, null);
    }

    public OutboxRelay(JdbcTemplate jdbc, EventLog eventLog, TtlKeys leases, ChannelEventOutbox outbox, Duration pollInterval,
                       PubSub pubSub) {
        super(leases, LEASE, LEASE_TTL, "outbox-relay");
        this.jdbcTemplate = jdbc;
        this.jdbc = JdbcClient.create(jdbc);
        this.eventLog = eventLog;
        this.pollInterval = pollInterval;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));
        this.outbox = outbox;
        this.pubSub = pubSub;
        outbox.onCommit(this::committed);
    }

    private void committed() {
        nudge();
        if (pubSub != null && !heldLastTime() && remoteWakeUp.availablePermits() == 0) {
            remoteWakeUp.release();
        }
    }

    @Override
    public void start() {
        if (pubSub != null) {
            nudges = pubSub.subscribe(NUDGE_TOPIC, message -> nudge());
            Thread thread = Thread.ofPlatform().daemon().name("outbox-nudger").unstarted(this::nudgeHolder);
            nudger = thread;
            thread.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        Thread running = nudger;
        nudger = null;
        if (running != null) {
            running.interrupt();
        }
        if (nudges != null) {
            nudges.close();
            nudges = null;
        }
    }

    private void nudgeHolder() {
        while (nudger == Thread.currentThread()) {
            try {
                remoteWakeUp.acquire();
                remoteWakeUp.drainPermits();
                pubSub.publish(NUDGE_TOPIC, "");
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The holder's poll finds the rows anyway.
            }
        }
    }

    /** Wakes the relay now instead of at its next poll. */
    public void nudge() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    @Override
    protected boolean round() {
        return relayOnce();
    }

    @Override
    protected void pause() throws InterruptedException {
        wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        wakeUp.drainPermits();
    }

    /**
     * Publishes the oldest pending events once, as many as fit in {@link ChannelEventOutbox#PAGE_CHARS} characters
     * of payload (at least one), so a backlog of big messages is handed over in pieces instead of held at once; true
     * when more are pending.
     */
    boolean relayOnce() {
        // The one deliberate cross-shard query: on Vitess it scatters to every shard's unpublished rows.
        List<ChannelEventOutbox.Stored> rows = jdbc.sql("/* scatter: outbox relay */ SELECT workspace_id, channel_id, seq, "
                        + "event_type, " + ChannelEventOutbox.INLINE_PAYLOAD + ", routing, " + ChannelEventOutbox.SIZE
                        + " FROM channel_event WHERE published = FALSE ORDER BY event_ts, workspace_id, channel_id, seq LIMIT ?")
                .param(BATCH)
                .query(ChannelEventOutbox.STORED)
                .list();
        if (rows.isEmpty()) {
            return false;
        }
        ChannelEventOutbox.Bounded pending = outbox.bounded(rows);
        if (pending.events().isEmpty()) {
            return false;
        }
        eventLog.publish(pending.events());
        // One transaction per workspace (one shard on Vitess): in autocommit every row would be a commit of its own.
        pending.events().stream().collect(java.util.stream.Collectors.groupingBy(ChannelEvent::workspaceId)).values()
                .forEach(events -> transactions.executeWithoutResult(status -> jdbcTemplate.batchUpdate(
                        "UPDATE channel_event SET published = TRUE WHERE workspace_id = ? AND channel_id = ? AND seq = ?",
                        events.stream().map(e -> new Object[] {e.workspaceId(), e.channelId(), e.seq()}).toList())));
        return pending.cut() || rows.size() == BATCH;
    }
}
