package dev.parley.workspace.profile;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.MemberRole;
import dev.parley.presence.client.PresenceClient;
import dev.parley.workspace.audit.AuditEntity;
import dev.parley.workspace.audit.AuditLog;
import dev.parley.workspace.bot.Bot;
import dev.parley.workspace.bot.BotService;
import dev.parley.workspace.identity.IdentityService;
import dev.parley.workspace.identity.User;
import dev.parley.workspace.identity.UserRepository;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's whole Slack profile: the account's real name, the profile fields kept here, and the custom status kept by
 * the presence service (asked through {@link PresenceClient}, never inside a transaction). Users edit their own
 * profile; admins anyone's but an admin's or owner's, which only owners edit.
 */
@Service
public class ProfileService {

    static final Set<String> STATUS_FIELDS = Set.of("status_text", "status_emoji", "status_expiration");
    static final Set<String> LOCAL_FIELDS = Set.of("real_name", "display_name", "title", "phone", "tz");
    private static final Logger log = LoggerFactory.getLogger(ProfileService.class);

    private final IdentityService identity;
    private final UserRepository users;
    private final ProfileRepository profiles;
    private final UserObjects objects;
    private final ObjectProvider<PresenceClient> presence;
    private final UserChanges changes;
    private final AuditLog audit;
    private final BotService bots;
    private final TransactionTemplate tx;

    ProfileService(IdentityService identity, UserRepository users, ProfileRepository profiles, UserObjects objects,
                   ObjectProvider<PresenceClient> presence, UserChanges changes, AuditLog audit, BotService bots,
                   TransactionTemplate tx) {
        this.bots = bots;
        this.identity = identity;
        this.users = users;
        this.profiles = profiles;
        this.objects = objects;
        this.presence = presence;
        this.changes = changes;
        this.audit = audit;
        this.tx = tx;
    }

    /** Slack's user object of each user, in the order given, with profile fields and statuses fetched once for all. */
    public List<Map<String, Object>> userObjects(String workspaceId, List<User> page, boolean withEmail) {
        List<String> ids = page.stream().map(User::id).toList();
        Map<String, Profile> found = profiles.findAll(workspaceId, ids);
        Map<String, PresenceClient.Status> statuses = statuses(workspaceId, ids);
        List<Map<String, Object>> out = new ArrayList<>(page.size());
        for (User u : page) {
            Bot bot = u.bot() ? bots.ofUser(workspaceId, u.id()).orElse(null) : null;
            out.add(objects.user(u, found.getOrDefault(u.id(), Profile.EMPTY), statuses.get(u.id()), withEmail, bot));
        }
        return out;
    }

    public Map<String, Object> userObject(User u, boolean withEmail) {
        return userObjects(u.workspaceId(), List.of(u), withEmail).getFirst();
    }

    /** The {@code profile} object of an active user of the workspace. */
    public Map<String, Object> profile(String workspaceId, String userId, boolean withEmail) {
        User u = identity.user(workspaceId, userId);
        return objects.profile(u, profiles.find(workspaceId, userId), statuses(workspaceId, List.of(userId)).get(userId),
                withEmail);
    }

    /**
     * Changes the named profile fields of {@code targetId} and answers with the whole profile. Every field is checked
     * before anything is stored; the status part goes to the presence service first, so a status it refuses leaves
     * the rest unchanged too. Unknown fields are ignored, as Slack ignores fields a workspace does not use.
     */
    public Map<String, Object> set(Caller caller, String targetId, Map<String, String> fields, ApiRequest.Client client) {
        User target = identity.user(caller.workspaceId(), targetId);
        if (!target.id().equals(caller.userId())) {
            if (!caller.isAdmin() || caller.isBot()) {
                throw new SlackApiException("not_admin");
            }
            if (MemberRole.of(target.role()).isAdmin() && !caller.isOwner()) {
                throw new SlackApiException("cannot_update_admin_user");
            }
        }
        Map<String, String> local = new HashMap<>();
        Map<String, String> status = new HashMap<>();
        fields.forEach((name, value) -> {
            if (LOCAL_FIELDS.contains(name)) {
                local.put(name, value == null ? "" : value.trim());
            } else if (STATUS_FIELDS.contains(name)) {
                status.put(name, value == null ? "" : value);
            }
        });
        validate(local);
        PresenceClient.Status newStatus = null;
        if (!status.isEmpty()) {
            PresenceClient.StatusResult result = presence.getObject()
                    .setStatus(new PresenceClient.StatusUpdate(caller.workspaceId(), target.id(), status));
            if (!result.ok()) {
                throw new SlackApiException(result.error());
            }
            newStatus = result.status();
        }
        if (!local.isEmpty()) {
            tx.executeWithoutResult(s -> {
                Profile current = profiles.find(caller.workspaceId(), target.id());
                Profile updated = new Profile(
                        local.getOrDefault("display_name", current.displayName()),
                        local.getOrDefault("title", current.title()),
                        local.getOrDefault("phone", current.phone()),
                        local.getOrDefault("tz", current.tz()),
                        System.currentTimeMillis() / 1000);
                profiles.save(caller.workspaceId(), target.id(), updated);
                if (local.containsKey("real_name")) {
                    users.updateRealName(caller.workspaceId(), target.id(), local.get("real_name"));
                }
                audit.record(caller.workspaceId(), "user_profile_updated", caller.userId(), AuditEntity.user(target.id()),
                        client, Map.of("fields", local.keySet().stream().sorted().toList()));
            });
        }
        User now = identity.user(caller.workspaceId(), target.id());
        Profile profile = profiles.find(caller.workspaceId(), target.id());
        PresenceClient.Status shownStatus = newStatus != null ? newStatus
                : statuses(caller.workspaceId(), List.of(target.id())).get(target.id());
        if (!local.isEmpty() || !status.isEmpty()) {
            changes.changed(caller.workspaceId(), objects.user(now, profile, shownStatus, false, null));
        }
        return objects.profile(now, profile, shownStatus, caller.hasScope(dev.parley.common.auth.Scopes.USERS_READ_EMAIL));
    }

    private static void validate(Map<String, String> local) {
        String realName = local.get("real_name");
        if (realName != null && realName.isEmpty()) {
            throw new SlackApiException("invalid_profile");
        }
        limit(local, "real_name", 255);
        limit(local, "display_name", 80);
        limit(local, "title", 255);
        limit(local, "phone", 64);
        String tz = local.get("tz");
        if (tz != null && !tz.isEmpty()) {
            try {
                if (tz.length() > 64) {
                    throw new DateTimeException(tz);
                }
                local.put("tz", ZoneId.of(tz).getId());
            } catch (DateTimeException e) {
                throw new SlackApiException("invalid_profile");
            }
        }
    }

    private static void limit(Map<String, String> local, String field, int max) {
        String value = local.get(field);
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new SlackApiException("too_long");
        }
    }

    /** Custom statuses from the presence service; when it cannot be reached, profiles are shown without one. */
    private Map<String, PresenceClient.Status> statuses(String workspaceId, List<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, PresenceClient.Status> found = presence.getObject()
                    .statuses(new PresenceClient.StatusQuery(workspaceId, userIds)).statuses();
            return found == null ? Map.of() : found;
        } catch (RuntimeException e) {
            log.warn("Showing profiles without custom status: the presence service did not answer ({})", e.toString());
            return Map.of();
        }
    }
}
