package dev.parley.workspace.usergroup;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.WorkspaceEvents;
import dev.parley.common.id.Ids;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.workspace.audit.AuditEntity;
import dev.parley.workspace.audit.AuditLog;
import dev.parley.workspace.client.WorkspaceClient;
import dev.parley.workspace.identity.IdentityService;
import dev.parley.workspace.identity.UserRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * User groups: full members create and edit them and set their members; owners and admins disable and enable them.
 * Each change is audited in its transaction; after it commits, services caching group members are told on
 * {@link WorkspaceClient#GROUP_CHANGES} and the workspace's sockets get Slack's {@code subteam_*} events.
 */
@Service
public class UserGroupService {

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_USERS = 1000;
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");

    private final UserGroupRepository groups;
    private final UserRepository users;
    private final IdentityService identity;
    private final AuditLog audit;
    private final PubSub pubSub;
    private final WorkspaceEvents events;
    private final TransactionTemplate tx;

    UserGroupService(UserGroupRepository groups, UserRepository users, IdentityService identity, AuditLog audit,
                     PubSub pubSub, WorkspaceEvents events, TransactionTemplate tx) {
        this.groups = groups;
        this.users = users;
        this.identity = identity;
        this.audit = audit;
        this.pubSub = pubSub;
        this.events = events;
        this.tx = tx;
    }

    public UserGroup create(Caller caller, String name, String handle, String description, ApiRequest.Client client) {
        requireEditor(caller);
        String cleanName = name(name);
        String cleanHandle = handle(handle != null ? handle : cleanName);
        String cleanDescription = description(description);
        long now = System.currentTimeMillis() / 1000;
        UserGroup group = new UserGroup(caller.workspaceId(), Ids.userGroup(), cleanName, cleanHandle, cleanDescription,
                caller.userId(), caller.userId(), null, now, now, 0);
        UserGroup created = tx.execute(s -> {
            checkUnique(group, null);
            insertOrExplain(group);
            audit.record(caller.workspaceId(), "user_group_created", caller.userId(),
                    AuditEntity.usergroup(group.id(), group.name()), client);
            return group;
        });
        changed(created, "subteam_created", List.of());
        return created;
    }

    /** Changes the name, handle or description given (others stay); {@code no_such_subteam} for an unknown group. */
    public UserGroup update(Caller caller, String groupId, String name, String handle, String description,
                            ApiRequest.Client client) {
        requireEditor(caller);
        String cleanName = name == null ? null : name(name);
        String cleanHandle = handle == null ? null : handle(handle);
        String cleanDescription = description == null ? null : description(description);
        UserGroup updated = tx.execute(s -> {
            UserGroup g = require(caller.workspaceId(), groupId);
            UserGroup next = new UserGroup(g.workspaceId(), g.id(), cleanName != null ? cleanName : g.name(),
                    cleanHandle != null ? cleanHandle : g.handle(), cleanDescription != null ? cleanDescription : g.description(),
                    g.createdBy(), caller.userId(), g.deletedBy(), g.dateCreate(), System.currentTimeMillis() / 1000,
                    g.dateDelete());
            checkUnique(next, g.id());
            try {
                groups.update(next);
            } catch (DuplicateKeyException e) {
                throw new SlackApiException("name_already_exists");
            }
            audit.record(caller.workspaceId(), "user_group_updated", caller.userId(),
                    AuditEntity.usergroup(next.id(), next.name()), client);
            return next;
        });
        changed(updated, "subteam_updated", members(updated));
        return updated;
    }

    /** Disables or enables a group (owners and admins); a disabled group's mentions reach nobody. */
    public UserGroup setEnabled(Caller caller, String groupId, boolean enabled, ApiRequest.Client client) {
        if (!caller.isBot() && !caller.isAdmin()) {
            throw new SlackApiException("permission_denied");
        }
        UserGroup result = tx.execute(s -> {
            UserGroup g = require(caller.workspaceId(), groupId);
            if (g.disabled() != enabled) {
                return g;
            }
            long now = System.currentTimeMillis() / 1000;
            UserGroup next = new UserGroup(g.workspaceId(), g.id(), g.name(), g.handle(), g.description(), g.createdBy(),
                    caller.userId(), enabled ? null : caller.userId(), g.dateCreate(), now, enabled ? 0 : now);
            groups.update(next);
            audit.record(caller.workspaceId(), enabled ? "user_group_enabled" : "user_group_disabled", caller.userId(),
                    AuditEntity.usergroup(next.id(), next.name()), client);
            return next;
        });
        changed(result, "subteam_updated", members(result));
        return result;
    }

    /**
     * Replaces the group's members. {@code no_users_provided} for none, {@code invalid_users} when one is not an active
     * user of the workspace.
     */
    public UserGroup setUsers(Caller caller, String groupId, List<String> userIds, ApiRequest.Client client) {
        requireEditor(caller);
        List<String> distinct = userIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            throw new SlackApiException("no_users_provided");
        }
        if (distinct.size() > MAX_USERS) {
            throw new SlackApiException("subteam_max_users_exceeded");
        }
        if (distinct.stream().anyMatch(id -> !Ids.looksLike(id, 'U', 'W'))
                || identity.activeUsers(caller.workspaceId(), distinct).size() != distinct.size()) {
            throw new SlackApiException("invalid_users");
        }
        UserGroup result = tx.execute(s -> {
            UserGroup g = require(caller.workspaceId(), groupId);
            UserGroup next = new UserGroup(g.workspaceId(), g.id(), g.name(), g.handle(), g.description(), g.createdBy(),
                    caller.userId(), g.deletedBy(), g.dateCreate(), System.currentTimeMillis() / 1000, g.dateDelete());
            groups.update(next);
            groups.setMembers(caller.workspaceId(), groupId, distinct);
            audit.record(caller.workspaceId(), "user_group_members_updated", caller.userId(),
                    AuditEntity.usergroup(next.id(), next.name()), client, Map.of("users", distinct));
            return next;
        });
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "subteam_members_changed");
        event.put("subteam_id", result.id());
        event.put("team_id", result.workspaceId());
        event.put("date_update", result.dateUpdate());
        event.put("event_ts", Ts.format(Ts.nowMicros()));
        events.deliver(result.workspaceId(), SlackJson.write(event));
        changed(result, "subteam_updated", members(result));
        return result;
    }

    public List<UserGroup> list(String workspaceId, boolean includeDisabled) {
        return groups.list(workspaceId, includeDisabled);
    }

    /** A group of the workspace; {@code no_such_subteam} otherwise, and for a disabled one unless asked for. */
    public UserGroup group(String workspaceId, String groupId, boolean includeDisabled) {
        UserGroup g = require(workspaceId, groupId);
        if (g.disabled() && !includeDisabled) {
            throw new SlackApiException("no_such_subteam");
        }
        return g;
    }

    /** The group's members that are active users, by id. */
    public List<String> members(UserGroup g) {
        List<String> stored = groups.members(g.workspaceId(), g.id());
        return stored.isEmpty() ? stored : identity.activeUsers(g.workspaceId(), stored);
    }

    /** Members of several groups at once, for the listing; disabled groups too. */
    public Map<String, List<String>> members(String workspaceId, List<UserGroup> list) {
        Map<String, List<String>> stored = groups.members(workspaceId, list.stream().map(UserGroup::id).toList());
        List<String> everyone = stored.values().stream().flatMap(List::stream).distinct().toList();
        List<String> active = everyone.isEmpty() ? List.of() : identity.activeUsers(workspaceId, everyone);
        Map<String, List<String>> out = new LinkedHashMap<>();
        stored.forEach((id, members) -> out.put(id, members.stream().filter(active::contains).toList()));
        return out;
    }

    /** What a mention of each group reaches: the active members of the enabled ones. */
    public Map<String, List<String>> mentionable(String workspaceId, List<String> groupIds) {
        List<UserGroup> enabled = groupIds.stream().distinct().filter(id -> Ids.looksLike(id, 'S'))
                .map(id -> groups.find(workspaceId, id).orElse(null))
                .filter(g -> g != null && !g.disabled())
                .toList();
        Map<String, List<String>> members = members(workspaceId, enabled);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (UserGroup g : enabled) {
            out.put(g.id(), members.getOrDefault(g.id(), List.of()));
        }
        return out;
    }

    private UserGroup require(String workspaceId, String groupId) {
        if (!Ids.looksLike(groupId, 'S')) {
            throw new SlackApiException("no_such_subteam");
        }
        return groups.find(workspaceId, groupId).orElseThrow(() -> new SlackApiException("no_such_subteam"));
    }

    private static void requireEditor(Caller caller) {
        if (!caller.isBot() && caller.isGuest()) {
            throw new SlackApiException("permission_denied");
        }
    }

    private void checkUnique(UserGroup g, String exceptId) {
        if (groups.nameTaken(g.workspaceId(), g.name(), exceptId)) {
            throw new SlackApiException("name_already_exists");
        }
        // Slack keeps a handle unique among users and groups, so @handle means one thing.
        if (groups.handleTaken(g.workspaceId(), g.handle(), exceptId) || users.nameTaken(g.workspaceId(), g.handle())) {
            throw new SlackApiException("handle_already_exists");
        }
    }

    private void insertOrExplain(UserGroup g) {
        try {
            groups.insert(g);
        } catch (DuplicateKeyException e) {
            // A concurrent create took the name or handle between the check and the insert.
            throw new SlackApiException(groups.handleTaken(g.workspaceId(), g.handle(), g.id())
                    ? "handle_already_exists" : "name_already_exists");
        }
    }

    private void changed(UserGroup g, String eventType, List<String> members) {
        pubSub.publish(WorkspaceClient.GROUP_CHANGES, g.workspaceId() + ":" + g.id());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", eventType);
        event.put("subteam", UserGroupApi.view(g, members, true, true));
        event.put("event_ts", Ts.format(Ts.nowMicros()));
        events.deliver(g.workspaceId(), SlackJson.write(event));
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.trim();
        if (clean.isEmpty()) {
            throw new SlackApiException("missing_argument");
        }
        if (clean.length() > MAX_NAME) {
            throw new SlackApiException("name_too_long");
        }
        return clean;
    }

    private static String handle(String raw) {
        String clean = raw.trim();
        if (clean.startsWith("@")) {
            clean = clean.substring(1);
        }
        clean = clean.toLowerCase(Locale.ROOT).replace(' ', '-');
        if (!HANDLE.matcher(clean).matches()) {
            throw new SlackApiException("bad_handle");
        }
        return clean;
    }

    private static String description(String description) {
        String clean = description == null ? "" : description.trim();
        if (clean.length() > MAX_DESCRIPTION) {
            throw new SlackApiException("description_too_long");
        }
        return clean;
    }
}
