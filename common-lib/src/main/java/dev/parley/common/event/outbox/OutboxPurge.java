package dev.parley.common.event.outbox;

import dev.parley.common.id.Ts;
import dev.parley.common.lease.LeasedLoop;
import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes published outbox events older than the retention, a batch at a time, so the table holds a bounded window
 * of history instead of every event ever written. Unpublished events are never touched. Only the holder of the purge
 * lease purges.
 */
public class OutboxPurge extends LeasedLoop {

    private static final String LEASE = "outbox-purge";
    private static final int BATCH = 1000;

    private record Key(String workspaceId, String channelId, long seq) {
    }

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OutboxProperties properties;

    public OutboxPurge(JdbcTemplate jdbc, TtlKeys leases, OutboxProperties properties) {
        // The lease outlives the pause between rounds, so the holder keeps it while it is alive.
        super(leases, LEASE, properties.purgeInterval().multipliedBy(3).plusSeconds(10), "outbox-purge");
        this.jdbcTemplate = jdbc;
        this.jdbc = JdbcClient.create(jdbc);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.properties = properties;
    }

    @Override
    protected boolean round() {
        return purgeBefore(Ts.nowMicros() - properties.retention().toNanos() / 1000, BATCH) == BATCH;
    }

    @Override
    protected void pause() throws InterruptedException {
        Thread.sleep(properties.purgeInterval().toMillis());
    }

    /** Deletes every published event older than the retention now, batch after batch; returns how many. */
    public int purgeExpired() {
        long cutoff = Ts.nowMicros() - properties.retention().toNanos() / 1000;
        int total = 0;
        int deleted;
        do {
            deleted = purgeBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    /** Deletes up to {@code batch} published events written before {@code cutoffMicros}; returns how many. */
    int purgeBefore(long cutoffMicros, int batch) {
        // Cross-shard like the relay: on Vitess it scatters to every shard's oldest published rows.
        List<Key> old = jdbc.sql("/* scatter: outbox purge */ SELECT workspace_id, channel_id, seq FROM channel_event "
                        + "WHERE published = TRUE AND event_ts < ? ORDER BY event_ts LIMIT ?")
                .params(cutoffMicros, batch)
                .query((rs, n) -> new Key(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
        // One transaction per workspace (one shard on Vitess), deleting by primary key.
        old.stream().collect(Collectors.groupingBy(Key::workspaceId)).values()
                .forEach(keys -> transactions.executeWithoutResult(status -> jdbcTemplate.batchUpdate(
                        "DELETE FROM channel_event WHERE workspace_id = ? AND channel_id = ? AND seq = ?",
                        keys.stream().map(k -> new Object[] {k.workspaceId(), k.channelId(), k.seq()}).toList())));
        return old.size();
    }
}
