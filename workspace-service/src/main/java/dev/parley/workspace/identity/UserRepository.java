package dev.parley.workspace.identity;

import java.util.List;
import java.util.Optional;
import dev.parley.common.store.Inserts;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users of a workspace and the global email → (workspace, user) lookup used by sign-in. */
@Repository
public class UserRepository {

    private static final String COLUMNS =
            "workspace_id, user_id, email, name, real_name, password_hash, role, deleted, created_at, is_bot";
    private static final RowMapper<User> USER = (rs, n) -> new User(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getLong(9),
            rs.getBoolean(10));

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the user; false (and nothing stored) when the email is already in this workspace. A bot has no email,
     * so it is not in the sign-in lookup.
     */
    public boolean insert(User user) {
        if (!user.bot() && !Inserts.once(jdbc.sql("INSERT INTO user_email (email, workspace_id, user_id) VALUES (?, ?, ?)")
                    .params(user.email(), user.workspaceId(), user.id()))) {
            return false;
        }
        jdbc.sql("INSERT INTO workspace_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(user.workspaceId(), user.id(), user.email(), user.name(), user.realName(), user.passwordHash(),
                        user.role(), user.deleted(), user.createdAt(), user.bot())
                .update();
        return true;
    }

    /** Marks the user deleted (Slack's {@code deleted: true}); an uninstalled bot's user ends this way. */
    public void markDeleted(String workspaceId, String userId) {
        jdbc.sql("UPDATE workspace_user SET deleted = TRUE WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId)
                .update();
    }

    public Optional<User> find(String workspaceId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workspace_user WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId)
                .query(USER)
                .optional();
    }

    /** The users named that exist, in the order given (one query per page of ids, not per user). */
    public List<User> findAll(String workspaceId, List<String> userIds) {
        List<String> distinct = userIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, User> found = new java.util.HashMap<>();
        for (int i = 0; i < distinct.size(); i += 500) {
            List<String> page = distinct.subList(i, Math.min(distinct.size(), i + 500));
            List<Object> params = new java.util.ArrayList<>();
            params.add(workspaceId);
            params.addAll(page);
            jdbc.sql("SELECT " + COLUMNS + " FROM workspace_user WHERE workspace_id = ? AND user_id IN ("
                            + String.join(", ", page.stream().map(id -> "?").toList()) + ")")
                    .params(params)
                    .query(USER)
                    .list()
                    .forEach(u -> found.put(u.id(), u));
        }
        return distinct.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The users (deactivated ones too) whose name is one of these; names are stored lower-case. */
    public List<User> findByNames(String workspaceId, java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM workspace_user WHERE workspace_id = :ws AND name IN (:names) "
                        + "ORDER BY user_id")
                .param("ws", workspaceId).param("names", names)
                .query(USER)
                .list();
    }

    public void updateRealName(String workspaceId, String userId, String realName) {
        jdbc.sql("UPDATE workspace_user SET real_name = ? WHERE workspace_id = ? AND user_id = ?")
                .params(realName, workspaceId, userId)
                .update();
    }

    /** Whether a user of the workspace goes by this name (user group handles must not take one). */
    public boolean nameTaken(String workspaceId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM workspace_user WHERE workspace_id = ? AND name = ?")
                .params(workspaceId, name)
                .query(Long.class)
                .single() > 0;
    }

    public List<User> list(String workspaceId, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workspace_user WHERE workspace_id = ? AND user_id > ? "
                        + "ORDER BY user_id LIMIT ?")
                .params(workspaceId, afterId, limit)
                .query(USER)
                .list();
    }

    /** Every account of the email, in every workspace, deactivated ones included, by workspace id. */
    public List<User> usersForEmail(String email) {
        return accountsForEmail(email).stream()
                .map(a -> find(a[0], a[1]))
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    /** Deactivates or reactivates; false when there is no such user. */
    public boolean setDeleted(String workspaceId, String userId, boolean deleted) {
        return jdbc.sql("UPDATE workspace_user SET deleted = ? WHERE workspace_id = ? AND user_id = ?")
                .params(deleted, workspaceId, userId)
                .update() == 1;
    }

    /** Changes the role; false when there is no such user. */
    public boolean setRole(String workspaceId, String userId, String role) {
        return jdbc.sql("UPDATE workspace_user SET role = ? WHERE workspace_id = ? AND user_id = ?")
                .params(role, workspaceId, userId)
                .update() == 1;
    }

    /** How many active owners the workspace has. */
    public int activeOwners(String workspaceId) {
        return jdbc.sql("SELECT COUNT(*) FROM workspace_user WHERE workspace_id = ? AND role = ? AND deleted = FALSE")
                .params(workspaceId, User.OWNER)
                .query(Integer.class)
                .single();
    }

    /** The workspaces an email belongs to, as (workspace id, user id) pairs. */
    public List<String[]> accountsForEmail(String email) {
        return jdbc.sql("SELECT workspace_id, user_id FROM user_email WHERE email = ? ORDER BY workspace_id")
                .param(email)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }
}
