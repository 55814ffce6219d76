package dev.parley.workspace.identity;

import java.util.Optional;
import dev.parley.common.store.Inserts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Workspaces and the global domain → workspace lookup. */
@Repository
public class WorkspaceRepository {

    private final JdbcClient jdbc;

    WorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the domain, then stores the workspace; false (and nothing stored) when the domain is taken. */
    public boolean insert(Workspace workspace) {
        if (!Inserts.once(jdbc.sql("INSERT INTO workspace_domain (domain, workspace_id) VALUES (?, ?)")
                    .params(workspace.domain(), workspace.id()))) {
            return false;
        }
        jdbc.sql("INSERT INTO workspace (workspace_id, name, domain, created_at) VALUES (?, ?, ?, ?)")
                .params(workspace.id(), workspace.name(), workspace.domain(), workspace.createdAt())
                .update();
        return true;
    }

    public Optional<Workspace> find(String workspaceId) {
        return jdbc.sql("SELECT workspace_id, name, domain, created_at FROM workspace WHERE workspace_id = ?")
                .param(workspaceId)
                .query((rs, n) -> new Workspace(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .optional();
    }

    /**
     * Locks the workspace's row until the transaction ends: changes that must see every other one of their kind
     * (the last owner stays an owner) take it first.
     */
    public boolean lock(String workspaceId) {
        return jdbc.sql("SELECT workspace_id FROM workspace WHERE workspace_id = ? FOR UPDATE")
                .param(workspaceId)
                .query(String.class)
                .optional()
                .isPresent();
    }

    public Optional<String> idForDomain(String domain) {
        return jdbc.sql("SELECT workspace_id FROM workspace_domain WHERE domain = ?").param(domain)
                .query(String.class).optional();
    }

    /**
     * Up to {@code limit} workspace ids after {@code afterId}, in id order: read from the global domain lookup, which
     * holds one row per workspace, so listing every workspace asks one unsharded table instead of every shard.
     */
    public java.util.List<String> idsAfter(String afterId, int limit) {
        return jdbc.sql("SELECT workspace_id FROM workspace_domain WHERE workspace_id > ? ORDER BY workspace_id LIMIT ?")
                .params(afterId == null ? "" : afterId, limit)
                .query(String.class)
                .list();
    }
}
