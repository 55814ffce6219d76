package dev.parley.workspace.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's profile fields; a user without a row has the empty profile. */
@Repository
public class ProfileRepository {

    private static final RowMapper<Profile> PROFILE = (rs, n) -> new Profile(rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getLong(6));

    private final JdbcClient jdbc;

    ProfileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Profile find(String workspaceId, String userId) {
        return jdbc.sql("SELECT user_id, display_name, title, phone, tz, updated_at FROM user_profile "
                        + "WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId)
                .query(PROFILE)
                .optional()
                .orElse(Profile.EMPTY);
    }

    /** The profiles of the users named; users without a row are left out. */
    public Map<String, Profile> findAll(String workspaceId, List<String> userIds) {
        Map<String, Profile> found = new HashMap<>();
        List<String> distinct = userIds.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i += 500) {
            List<String> page = distinct.subList(i, Math.min(distinct.size(), i + 500));
            List<Object> params = new ArrayList<>();
            params.add(workspaceId);
            params.addAll(page);
            jdbc.sql("SELECT user_id, display_name, title, phone, tz, updated_at FROM user_profile WHERE workspace_id = ? "
                            + "AND user_id IN (" + String.join(", ", page.stream().map(id -> "?").toList()) + ")")
                    .params(params)
                    .query((rs, n) -> Map.entry(rs.getString(1), PROFILE.mapRow(rs, n)))
                    .list()
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }

    /** The users whose display name, lower-cased, is one of these (given lower-case). */
    public List<String> userIdsByDisplayName(String workspaceId, java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT user_id FROM user_profile WHERE workspace_id = :ws AND LOWER(display_name) IN (:names) "
                        + "ORDER BY user_id")
                .param("ws", workspaceId).param("names", names)
                .query(String.class)
                .list();
    }

    public void save(String workspaceId, String userId, Profile p) {
        jdbc.sql("INSERT INTO user_profile (workspace_id, user_id, display_name, title, phone, tz, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE display_name = ?, title = ?, phone = ?, "
                        + "tz = ?, updated_at = ?")
                .params(workspaceId, userId, p.displayName(), p.title(), p.phone(), p.tz(), p.updatedAt(),
                        p.displayName(), p.title(), p.phone(), p.tz(), p.updatedAt())
                .update();
    }
}
