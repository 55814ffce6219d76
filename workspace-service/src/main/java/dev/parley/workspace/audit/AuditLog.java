package dev.parley.workspace.audit;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.json.SlackJson;
import dev.parley.workspace.identity.User;
import dev.parley.workspace.identity.UserRepository;
import dev.parley.workspace.identity.Workspace;
import dev.parley.workspace.identity.WorkspaceRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records what happened in a workspace for its owners and admins ({@code admin.auditlogs.list}), in the shape of
 * Slack's Audit Logs API. Any part of the workspace service calls {@link #record}: inside the transaction of the
 * change it records (then both commit or neither), or right after it. Recording never fails the caller's action: a
 * store error is logged and the entry is lost.
 *
 * <p>Actions in use: {@code user_login}, {@code user_login_failed}, {@code user_created}, {@code guest_created},
 * {@code invite_sent}, {@code invite_revoked}, {@code user_profile_updated}, {@code user_group_created},
 * {@code user_group_updated}, {@code user_group_disabled}, {@code user_group_enabled},
 * {@code user_group_members_updated}, and from channel events {@code public_channel_created},
 * {@code private_channel_created}, {@code public_channel_archive}, {@code private_channel_archive},
 * {@code public_channel_unarchive}, {@code private_channel_unarchive}. Others (role changes, deactivations, tokens,
 * bots) use Slack's names too: {@code role_change_to_admin}, {@code user_deactivated}, {@code token_revoked},
 * {@code bot_installed}, ….
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditRepository entries;
    private final UserRepository users;
    private final WorkspaceRepository workspaces;

    AuditLog(AuditRepository entries, UserRepository users, WorkspaceRepository workspaces) {
        this.entries = entries;
        this.users = users;
        this.workspaces = workspaces;
    }

    /** Records that {@code actorUserId} (null: the platform itself) did {@code action} to {@code entity}. */
    public void record(String workspaceId, String action, String actorUserId, AuditEntity entity, ApiRequest.Client client) {
        record(workspaceId, action, actorUserId, entity, client, Map.of());
    }

    /** The same with Slack's {@code details} object (e.g. {@code previous_value}, {@code new_value}, {@code reason}). */
    public void record(String workspaceId, String action, String actorUserId, AuditEntity entity, ApiRequest.Client client,
                       Map<String, Object> details) {
        store(UUID.randomUUID().toString(), System.currentTimeMillis(), workspaceId, action, actorUserId, entity, client,
                details);
    }

    /**
     * Records an entry under an id of the caller's: recording the same id again changes nothing, which makes a
     * consumer of redelivered events idempotent. False when the id was already there.
     */
    public boolean recordOnce(String id, long createdMillis, String workspaceId, String action, String actorUserId,
                              AuditEntity entity, Map<String, Object> details) {
        return store(id, createdMillis, workspaceId, action, actorUserId, entity, ApiRequest.Client.UNKNOWN, details);
    }

    private boolean store(String id, long createdMillis, String workspaceId, String action, String actorUserId,
                          AuditEntity entity, ApiRequest.Client client, Map<String, Object> details) {
        try {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("date_create", createdMillis / 1000);
            entry.put("action", action);
            Map<String, Object> actor = new LinkedHashMap<>();
            if (actorUserId == null) {
                actor.put("type", "system");
            } else {
                actor.put("type", "user");
                actor.put("user", person(workspaceId, actorUserId));
            }
            entry.put("actor", actor);
            if (entity != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("type", entity.type());
                e.put(entity.type(), switch (entity.type()) {
                    case "user" -> person(workspaceId, entity.id());
                    case "workspace" -> location(workspaceId, null);
                    default -> entity.fields();
                });
                entry.put("entity", e);
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("location", location(workspaceId, "workspace"));
            context.put("ua", client.userAgent());
            context.put("ip_address", client.ipAddress());
            entry.put("context", context);
            if (details != null && !details.isEmpty()) {
                entry.put("details", details);
            }
            return entries.insert(new AuditEntry(workspaceId, id, createdMillis, action,
                    actorUserId == null ? "" : actorUserId, entity == null ? "" : entity.id(), SlackJson.write(entry)));
        } catch (RuntimeException e) {
            log.warn("Could not record audit action {} in {}: {}", action, workspaceId, e.toString());
            return false;
        }
    }

    private Map<String, Object> person(String workspaceId, String userId) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", userId);
        Optional<User> found = users.find(workspaceId, userId);
        found.ifPresent(u -> {
            user.put("name", u.name());
            user.put("email", u.email());
        });
        user.put("team", workspaceId);
        return user;
    }

    private Map<String, Object> location(String workspaceId, String type) {
        Map<String, Object> where = new LinkedHashMap<>();
        if (type != null) {
            where.put("type", type);
        }
        where.put("id", workspaceId);
        Optional<Workspace> w = workspaces.find(workspaceId);
        w.ifPresent(ws -> {
            where.put("name", ws.name());
            where.put("domain", ws.domain());
        });
        return where;
    }
}
