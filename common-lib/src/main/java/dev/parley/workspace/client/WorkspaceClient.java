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
}
