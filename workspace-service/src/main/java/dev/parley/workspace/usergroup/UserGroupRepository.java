package dev.parley.workspace.usergroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** User groups of each workspace and their members. Names are unique ignoring case, handles exactly (lower case). */
@Repository
public class UserGroupRepository {

    private static final String COLUMNS = "workspace_id, group_id, name, handle, description, created_by, updated_by, "
            + "deleted_by, date_create, date_update, date_delete";
    private static final RowMapper<UserGroup> GROUP = (rs, n) -> new UserGroup(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getLong(9), rs.getLong(10), rs.getLong(11));

    private final JdbcClient jdbc;

    UserGroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new group; a taken name or handle fails with a duplicate-key error. */
    public void insert(UserGroup g) {
        jdbc.sql("INSERT INTO user_group (" + COLUMNS + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(g.workspaceId(), g.id(), g.name(), g.handle(), g.description(), g.createdBy(), g.updatedBy(),
                        g.deletedBy(), g.dateCreate(), g.dateUpdate(), g.dateDelete(), key(g.name()))
                .update();
    }

    /** Saves name, handle, description, who changed it, and the disabled state. */
    public void update(UserGroup g) {
        jdbc.sql("UPDATE user_group SET name = ?, name_key = ?, handle = ?, description = ?, updated_by = ?, deleted_by = ?, "
                        + "date_update = ?, date_delete = ? WHERE workspace_id = ? AND group_id = ?")
                .params(g.name(), key(g.name()), g.handle(), g.description(), g.updatedBy(), g.deletedBy(),
                        g.dateUpdate(), g.dateDelete(), g.workspaceId(), g.id())
                .update();
    }

    public Optional<UserGroup> find(String workspaceId, String groupId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_group WHERE workspace_id = ? AND group_id = ?")
                .params(workspaceId, groupId)
                .query(GROUP)
                .optional();
    }

    /** Whether another group of the workspace has this name (ignoring case). */
    public boolean nameTaken(String workspaceId, String name, String exceptGroupId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_group WHERE workspace_id = ? AND name_key = ? AND group_id <> ?")
                .params(workspaceId, key(name), exceptGroupId == null ? "" : exceptGroupId)
                .query(Long.class).single() > 0;
    }

    public boolean handleTaken(String workspaceId, String handle, String exceptGroupId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_group WHERE workspace_id = ? AND handle = ? AND group_id <> ?")
                .params(workspaceId, handle, exceptGroupId == null ? "" : exceptGroupId)
                .query(Long.class).single() > 0;
    }

    /** The workspace's groups by name, disabled ones only when asked. */
    public List<UserGroup> list(String workspaceId, boolean includeDisabled) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_group WHERE workspace_id = ?"
                        + (includeDisabled ? "" : " AND date_delete = 0") + " ORDER BY name_key")
                .param(workspaceId)
                .query(GROUP)
                .list();
    }

    public List<String> members(String workspaceId, String groupId) {
        return jdbc.sql("SELECT user_id FROM user_group_member WHERE workspace_id = ? AND group_id = ? ORDER BY user_id")
                .params(workspaceId, groupId)
                .query(String.class)
                .list();
    }

    /** The members of each group named, by group; groups without members are left out. */
    public Map<String, List<String>> members(String workspaceId, List<String> groupIds) {
        Map<String, List<String>> out = new HashMap<>();
        if (groupIds.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>();
        params.add(workspaceId);
        params.addAll(groupIds);
        jdbc.sql("SELECT group_id, user_id FROM user_group_member WHERE workspace_id = ? AND group_id IN ("
                        + String.join(", ", groupIds.stream().map(g -> "?").toList()) + ") ORDER BY group_id, user_id")
                .params(params)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    /** Replaces the group's members with exactly these users. */
    public void setMembers(String workspaceId, String groupId, List<String> userIds) {
        jdbc.sql("DELETE FROM user_group_member WHERE workspace_id = ? AND group_id = ?")
                .params(workspaceId, groupId)
                .update();
        for (String userId : userIds.stream().distinct().toList()) {
            jdbc.sql("INSERT INTO user_group_member (workspace_id, group_id, user_id) VALUES (?, ?, ?)")
                    .params(workspaceId, groupId, userId)
                    .update();
        }
    }

    static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
