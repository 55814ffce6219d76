package dev.parley.workspace.client;

import dev.parley.common.auth.OpaqueTokens;
import java.util.List;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** What other services ask of the workspace service. In-process bean when co-located, HTTP otherwise. */
@HttpExchange("/internal/workspace")
public interface WorkspaceClient {

    /** The JWKS document with the public keys that sign access tokens. */
    @GetExchange("/jwks")
    String jwks();

    /** Which of the given user ids are active users of the workspace, in the order given. */
    @PostExchange("/active-users")
    UserIds activeUsers(@RequestBody UserIds query);

    /** The given users that are active in the workspace, each with its role, in the order given. */
    @PostExchange("/active-members")
    Members activeMembers(@RequestBody UserIds query);

    record UserIds(String workspaceId, List<String> userIds) {
    }

    /**
     * The pub/sub topic where the workspace service announces a change of a user group's members or state, as
     * {@code "<workspace id>:<group id>"}, so callers holding group members in a cache drop that entry.
     */
    String GROUP_CHANGES = "usergroups.changed";

    /**
     * The active members of each user group named that exists and is enabled in the workspace; others are left out
     * (what a {@code <!subteam^S…>} mention reaches).
     */
    @PostExchange("/group-members")
    GroupMembers groupMembers(@RequestBody GroupQuery query);

    record GroupQuery(String workspaceId, List<String> groupIds) {
    }

    record GroupMembers(java.util.Map<String, List<String>> members) {
    }

    /** What an opaque token grants, by its SHA-256: how verifiers outside the workspace service resolve bot tokens. */
    @PostExchange("/opaque-token")
    OpaqueTokens.Grant opaqueToken(@RequestBody TokenHash query);

    record TokenHash(String hash) {
    }

    record Members(List<Member> members) {
    }

    /** A user and its {@link dev.parley.common.auth.MemberRole} id. */
    record Member(String userId, String role) {
    }

    /**
     * The users of the workspace, deactivated ones included, whose name or display name is one of these (compared
     * lower-cased), each with its name and time zone: how search resolves {@code from:@name}.
     */
    @PostExchange("/users-by-name")
    UserNames usersByName(@RequestBody NamesQuery query);

    /** These users of the workspace, deactivated ones included, each with its name and time zone; others left out. */
    @PostExchange("/users")
    UserNames users(@RequestBody UserIds query);

    record NamesQuery(String workspaceId, List<String> names) {
    }

    /** A user's id, name (handle), display name ({@code ""} when unset) and IANA time zone ({@code ""} when unset). */
    record UserName(String userId, String name, String displayName, String tz) {
    }

    record UserNames(List<UserName> users) {

        public UserNames {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    /**
     * A page of every workspace's id, in id order after {@code afterId} (null or empty from the start), at most
     * {@code limit} (1 to 1000): how a process that serves every workspace (the search indexer's reconcile sweep)
     * walks them. {@code more} when the page was full.
     */
    @PostExchange("/workspace-ids")
    WorkspaceIds workspaceIds(@RequestBody WorkspaceIdsQuery query);

    record WorkspaceIdsQuery(String afterId, int limit) {
    }

    record WorkspaceIds(List<String> workspaceIds, boolean more) {
    }
}
