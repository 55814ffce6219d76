package dev.parley.search.indexing;

import dev.parley.common.store.Inserts;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per channel, the last event sequence number whose change the search index has committed. Written only after the
 * index commit, so a crash in between replays events (idempotent) rather than losing them; it only moves forward.
 */
@Repository
class IndexCheckpoints {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    IndexCheckpoints(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The channel's checkpoint, 0 when nothing of it was ever indexed. */
    long get(String workspaceId, String channelId) {
        return jdbc.sql("SELECT seq FROM search_checkpoint WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** The checkpoints of those of the channels that have one. */
    Map<String, Long> get(String workspaceId, Collection<String> channelIds) {
        Map<String, Long> found = new HashMap<>();
        if (channelIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT channel_id, seq FROM search_checkpoint WHERE workspace_id = :ws AND channel_id IN (:ids)")
                .param("ws", workspaceId)
                .param("ids", channelIds)
                .query((rs, n) -> found.put(rs.getString(1), rs.getLong(2)))
                .list();
        return found;
    }

    /**
     * Moves many checkpoints of one workspace forward in one transaction: one durable commit for a batch's channels
     * instead of one each, and on one shard, as every transaction of a workspace is.
     */
    void advance(String workspaceId, Map<String, Long> seqByChannel, long nowMillis) {
        tx.executeWithoutResult(status -> seqByChannel.forEach((channelId, seq) ->
                advance(workspaceId, channelId, seq, nowMillis)));
    }

    /** Moves the checkpoint up to {@code seq}; a checkpoint already there or beyond stays as it is. */
    void advance(String workspaceId, String channelId, long seq, long nowMillis) {
        int moved = jdbc.sql("UPDATE search_checkpoint SET seq = ?, updated_at = ? "
                        + "WHERE workspace_id = ? AND channel_id = ? AND seq < ?")
                .params(seq, nowMillis, workspaceId, channelId, seq)
                .update();
        if (moved == 0) {
            // Either no row yet, or one at or beyond seq: the insert settles which, atomically.
            Inserts.once(jdbc.sql("INSERT INTO search_checkpoint (workspace_id, channel_id, seq, updated_at) "
                            + "VALUES (?, ?, ?, ?)")
                    .params(workspaceId, channelId, seq, nowMillis));
        }
    }
}
