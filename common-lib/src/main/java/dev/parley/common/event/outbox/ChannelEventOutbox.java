package dev.parley.common.event.outbox;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Numbers and records channel events inside the caller's transaction. {@link #next} locks the channel's sequence
 * row, so within a channel both the event sequence and the message {@code ts} are strictly increasing and commit in
 * that order; the relay then publishes committed rows.
 */
public class ChannelEventOutbox {

    /** The next position in a channel: its event sequence number and a ts later than any before it. */
    public record Slot(String workspaceId, String channelId, long seq, long tsMicros) {
        public String ts() {
            return Ts.format(tsMicros);
        }
    }

    /** The characters of payload one page of {@link #after} holds before it stops early. */
    public static final int PAGE_CHARS = 2_000_000;

    /** Channels whose sequence row is known to exist (rows are never deleted), bounded; a miss costs one read. */
    private static final int KNOWN_LIMIT = 100_000;

    private final javax.sql.DataSource dataSource;
    private final JdbcClient jdbc;
    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ChannelEventOutbox(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Locks the channel's sequence until the transaction ends, without using a number: callers that may change
     * nothing lock first, check, and take a slot with {@link #next} only when they do change something.
     */
    public void lock(String workspaceId, String channelId) {
        locked(workspaceId, channelId);
    }

    /** Reserves the channel's next slot; must run inside a transaction, which holds the channel's lock until it ends. */
    public Slot next(String workspaceId, String channelId) {
        long[] current = locked(workspaceId, channelId);
        long seq = current[0] + 1;
        long ts = Math.max(Ts.nowMicros(), current[1] + 1);
        jdbc.sql("UPDATE channel_sequence SET seq = ?, last_ts = ? WHERE workspace_id = ? AND channel_id = ?")
                .params(seq, ts, workspaceId, channelId)
                .update();
        current[0] = seq;
        current[1] = ts;
        Slot slot = new Slot(workspaceId, channelId, seq, ts);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                commitListeners.forEach(Runnable::run);
            }
        });
        return slot;
    }

    /**
     * Reserves {@code count} consecutive message ts at once (1 µs apart, each later than any before them) and returns
     * the first, without taking sequence numbers: for messages loaded in bulk into a channel's history, which write no
     * events, so the channel's event sequence stays gapless. Must run inside a transaction, which holds the channel's
     * lock until it ends; a later {@link #next} gets a ts after the last one reserved.
     */
    public long reserveTs(String workspaceId, String channelId, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        long[] current = locked(workspaceId, channelId);
        long first = Math.max(Ts.nowMicros(), current[1] + 1);
        long last = first + count - 1;
        jdbc.sql("UPDATE channel_sequence SET last_ts = ? WHERE workspace_id = ? AND channel_id = ?")
                .params(last, workspaceId, channelId)
                .update();
        current[1] = last;
        return first;
    }

    /** The row a transaction locked, kept with the transaction so the lock is read once, however many slots it takes. */
    private record LockKey(ChannelEventOutbox outbox, String workspaceId, String channelId) {
    }

    /** The channel's sequence row as this transaction holds it: read and locked on first use, then kept up to date. */
    private long[] locked(String workspaceId, String channelId) {
        LockKey key = new LockKey(this, workspaceId, channelId);
        long[] held = (long[]) TransactionSynchronizationManager.getResource(key);
        if (held != null) {
            return held;
        }
        long[] row = current(workspaceId, channelId);
        TransactionSynchronizationManager.bindResource(key, row);
        // Bound to this transaction only: hidden while an inner transaction of its own runs, and gone before the
        // commit, so work done after the commit (channel messages) locks the row again in its own transaction.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(key, row);
            }

            @Override
            public void beforeCompletion() {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
        return row;
    }

    /**
     * The channel's sequence row (seq, last ts), locked for this transaction; created at zero on first use. A locking
     * read of a missing row would take a gap lock (MariaDB/MySQL), and two transactions holding one each deadlock on
     * their inserts; so a row not yet known to exist is looked for without a lock and, when missing, created by a
     * short transaction of its own before the locking read.
     */
    private long[] current(String workspaceId, String channelId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ChannelEventOutbox needs a transaction");
        }
        String key = workspaceId + "/" + channelId;
        if (!known.contains(key)) {
            boolean exists = !jdbc.sql("SELECT seq FROM channel_sequence WHERE workspace_id = ? AND channel_id = ?")
                    .params(workspaceId, channelId)
                    .query(Long.class)
                    .list()
                    .isEmpty();
            if (!exists) {
                create(workspaceId, channelId);
            }
            if (known.size() >= KNOWN_LIMIT) {
                known.clear();
            }
            known.add(key);
        }
        // Locked by an update that changes nothing, then read: both dialects lock the row for the transaction, and a
        // read after its own update sees the newest version. H2 parses a SELECT ... FOR UPDATE anew on every call
        // (it never caches one), which cost the embedded store more than the rest of the post's statements together.
        jdbc.sql("UPDATE channel_sequence SET seq = seq WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId)
                .update();
        return jdbc.sql("SELECT seq, last_ts FROM channel_sequence WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    /** Creates a channel's sequence row at zero, committed at once on a connection of its own; a row raced in is fine. */
    private void create(String workspaceId, String channelId) {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO channel_sequence (workspace_id, channel_id, seq, last_ts) VALUES (?, ?, 0, 0)")) {
            connection.setAutoCommit(true);
            insert.setString(1, workspaceId);
            insert.setString(2, channelId);
            insert.executeUpdate();
        } catch (java.sql.SQLIntegrityConstraintViolationException raced) {
            // Another writer created it first.
        } catch (java.sql.SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"23000".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot create the sequence of channel " + channelId, e);
            }
        }
    }

    /** Records an event for the channel's members; it is published after the transaction commits. */
    public ChannelEvent append(Slot slot, String type, String payload) {
        return append(slot, type, payload, ChannelEvent.Routing.MEMBERS);
    }

    /** Records an event with its routing; it is published after the transaction commits. */
    public ChannelEvent append(Slot slot, String type, String payload, ChannelEvent.Routing routing) {
        return insert(slot, type, payload, routing, null);
    }

    /**
     * Records an event for the channel's members about one message (by its ts), whose content it may carry: when
     * the message is deleted, {@link #redact} finds the event by it.
     */
    public ChannelEvent appendAbout(long subjectTs, Slot slot, String type, String payload) {
        return insert(slot, type, payload, ChannelEvent.Routing.MEMBERS, subjectTs);
    }

    private ChannelEvent insert(Slot slot, String type, String payload, ChannelEvent.Routing routing, Long subjectTs) {
        jdbc.sql("INSERT INTO channel_event (workspace_id, channel_id, seq, event_ts, event_type, payload, routing, "
                        + "subject_ts, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE)")
                .params(slot.workspaceId(), slot.channelId(), slot.seq(), slot.tsMicros(), type, payload,
                        routing.equals(ChannelEvent.Routing.MEMBERS) ? null : SlackJson.write(routing), subjectTs)
                .update();
        return new ChannelEvent(slot.workspaceId(), slot.channelId(), slot.seq(), type, payload, routing);
    }

    /**
     * Rewrites the stored payload of every event about the subject (see {@link #appendAbout}) with the redaction, in
     * the caller's transaction, so deleted content leaves the outbox together with the message. Events keep their
     * sequence numbers; a reader resuming later gets the redacted payload. Returns how many events it rewrote.
     */
    public int redact(String workspaceId, String channelId, long subjectTs, UnaryOperator<String> redaction) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ChannelEventOutbox.redact needs a transaction");
        }
        record Stored(long seq, String payload) {
        }
        List<Stored> about = jdbc.sql("SELECT seq, payload FROM channel_event WHERE workspace_id = ? AND channel_id = ? "
                        + "AND subject_ts = ? ORDER BY seq")
                .params(workspaceId, channelId, subjectTs)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2)))
                .list();
        int rewritten = 0;
        for (Stored event : about) {
            String redacted = redaction.apply(event.payload());
            if (!redacted.equals(event.payload())) {
                jdbc.sql("UPDATE channel_event SET payload = ? WHERE workspace_id = ? AND channel_id = ? AND seq = ?")
                        .params(redacted, workspaceId, channelId, event.seq())
                        .update();
                rewritten++;
            }
        }
        return rewritten;
    }

    static ChannelEvent.Routing routing(String json) {
        return json == null ? ChannelEvent.Routing.MEMBERS : SlackJson.read(json, ChannelEvent.Routing.class);
    }

    /**
     * Events of one channel after a sequence number, in order: what a reconnecting client missed. At most
     * {@code limit} events, and fewer when their payloads would pass {@link #PAGE_CHARS} characters (but always the
     * first), so no page of big messages can exhaust memory; the reader goes on after the last one.
     */
    public List<ChannelEvent> after(String workspaceId, String channelId, long afterSeq, int limit) {
        List<Stored> rows = jdbc.sql("SELECT workspace_id, channel_id, seq, event_type, " + INLINE_PAYLOAD + ", routing, "
                        + SIZE + " FROM channel_event WHERE workspace_id = ? AND channel_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                .params(workspaceId, channelId, afterSeq, limit)
                .query(STORED)
                .list();
        return bounded(rows).events();
    }

    /** Payloads up to this many characters come with their row; longer ones are read one by one, within the bound. */
    private static final int INLINE_CHARS = 4_000;
    static final String INLINE_PAYLOAD = "CASE WHEN CHAR_LENGTH(payload) <= " + INLINE_CHARS + " THEN payload END";
    static final String SIZE = "CHAR_LENGTH(payload) + COALESCE(CHAR_LENGTH(routing), 0)";

    /** A row as read with {@link #INLINE_PAYLOAD} and {@link #SIZE}: the payload is null when it was too long to inline. */
    record Stored(String workspaceId, String channelId, long seq, String type, String payload, String routing, long size) {
    }

    static final org.springframework.jdbc.core.RowMapper<Stored> STORED = (rs, n) -> new Stored(rs.getString(1),
            rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7));

    /** Events in the order read, and whether the size bound stopped them before the last row. */
    record Bounded(List<ChannelEvent> events, boolean cut) {
    }

    /**
     * The leading rows whose payloads fit in {@link #PAGE_CHARS} characters (at least one), as events: short payloads
     * came with the rows, long ones are read now, one at a time, so the page never holds more than the bound plus one
     * event. A long payload gone meanwhile (purged) ends the page there.
     */
    Bounded bounded(List<Stored> rows) {
        List<ChannelEvent> events = new java.util.ArrayList<>(rows.size());
        long total = 0;
        for (Stored row : rows) {
            total += row.size();
            if (total > PAGE_CHARS && !events.isEmpty()) {
                return new Bounded(events, true);
            }
            String payload = row.payload() != null ? row.payload()
                    : jdbc.sql("SELECT payload FROM channel_event WHERE workspace_id = ? AND channel_id = ? AND seq = ?")
                            .params(row.workspaceId(), row.channelId(), row.seq())
                            .query(String.class)
                            .optional()
                            .orElse(null);
            if (payload == null) {
                return new Bounded(events, true);
            }
            events.add(new ChannelEvent(row.workspaceId(), row.channelId(), row.seq(), row.type(), payload,
                    routing(row.routing())));
        }
        return new Bounded(events, false);
    }

    /** The latest sequence number of each channel; channels that have no events yet are left out. */
    public java.util.Map<String, Long> heads(String workspaceId, java.util.Collection<String> channelIds) {
        java.util.Map<String, Long> heads = new java.util.HashMap<>();
        List<String> ids = List.copyOf(channelIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(batch.size(), "?"));
            List<Object> params = new java.util.ArrayList<>(batch.size() + 1);
            params.add(workspaceId);
            params.addAll(batch);
            jdbc.sql("SELECT channel_id, seq FROM channel_sequence WHERE workspace_id = ? AND channel_id IN (" + marks + ")")
                    .params(params)
                    .query((rs, n) -> heads.put(rs.getString(1), rs.getLong(2)))
                    .list();
        }
        return heads;
    }

    /** Runs the listener after every commit that appended events (the relay wakes up on it). */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }
}
