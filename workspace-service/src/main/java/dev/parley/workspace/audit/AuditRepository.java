package dev.parley.workspace.audit;

import dev.parley.common.store.Inserts;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log of each workspace, newest first. */
@Repository
public class AuditRepository {

    /** What to list: optional action, actor and entity, a time window in epoch seconds (inclusive), a page after a cursor. */
    public record Query(String workspaceId, List<String> actions, String actorId, String entityId, Long oldest,
                        Long latest, Position before, int limit) {
    }

    /** Where a page ended: entries older than this come next. */
    public record Position(long createdMillis, String id) {
    }

    private static final String COLUMNS = "workspace_id, entry_id, created_ms, action, actor_id, entity_id, entry";

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the entry; false when one with its id is already there (a redelivered event). */
    public boolean insert(AuditEntry e) {
        return Inserts.once(jdbc.sql("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(e.workspaceId(), e.id(), e.createdMillis(), e.action(), e.actorId(), e.entityId(), e.json()));
    }

    public List<AuditEntry> list(Query q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE workspace_id = ?");
        List<Object> params = new ArrayList<>(List.of(q.workspaceId()));
        if (q.actions() != null && !q.actions().isEmpty()) {
            sql.append(" AND action IN (").append(String.join(", ", q.actions().stream().map(a -> "?").toList())).append(")");
            params.addAll(q.actions());
        }
        if (q.actorId() != null) {
            sql.append(" AND actor_id = ?");
            params.add(q.actorId());
        }
        if (q.entityId() != null) {
            sql.append(" AND entity_id = ?");
            params.add(q.entityId());
        }
        if (q.oldest() != null) {
            sql.append(" AND created_ms >= ?");
            params.add(q.oldest() * 1000);
        }
        if (q.latest() != null) {
            sql.append(" AND created_ms < ?");
            params.add((q.latest() + 1) * 1000);
        }
        if (q.before() != null) {
            sql.append(" AND (created_ms < ? OR (created_ms = ? AND entry_id < ?))");
            params.add(q.before().createdMillis());
            params.add(q.before().createdMillis());
            params.add(q.before().id());
        }
        sql.append(" ORDER BY created_ms DESC, entry_id DESC LIMIT ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new AuditEntry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }
}
