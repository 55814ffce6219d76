package dev.parley.workspace.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit entry is about, in Slack's Audit Logs shape: {@code {"type":"user","user":{…}}}. A user entity names
 * only the id; {@link AuditLog} fills in name and email when it records.
 */
public record AuditEntity(String type, String id, Map<String, Object> fields) {

    public AuditEntity {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static AuditEntity user(String userId) {
        return new AuditEntity("user", userId, Map.of("id", userId));
    }

    /** A channel; {@code privacy} is {@code public} or {@code private}. */
    public static AuditEntity channel(String channelId, String name, String privacy) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", channelId);
        if (name != null) {
            f.put("name", name);
        }
        f.put("privacy", privacy);
        f.put("is_shared", false);
        f.put("is_org_shared", false);
        return new AuditEntity("channel", channelId, f);
    }

    public static AuditEntity usergroup(String groupId, String name) {
        return new AuditEntity("usergroup", groupId, Map.of("id", groupId, "name", name));
    }

    /** An app or bot, with the scopes it holds. */
    public static AuditEntity app(String appId, String name, List<String> scopes) {
        return new AuditEntity("app", appId, Map.of("id", appId, "name", name, "scopes", List.copyOf(scopes)));
    }

    /** The workspace itself; its name and domain are filled in when recorded. */
    public static AuditEntity workspace(String workspaceId) {
        return new AuditEntity("workspace", workspaceId, Map.of("id", workspaceId));
    }

    /** Any other kind, e.g. an invitation: {@code of("invite", id, Map.of("id", id, "email", …))}. */
    public static AuditEntity of(String type, String id, Map<String, Object> fields) {
        return new AuditEntity(type, id, fields);
    }
}
