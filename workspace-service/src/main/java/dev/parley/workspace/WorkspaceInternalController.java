package dev.parley.workspace;

import dev.parley.common.auth.OpaqueTokens;
import dev.parley.workspace.client.WorkspaceClient;
import dev.parley.workspace.identity.IdentityService;
import dev.parley.workspace.profile.UserDirectory;
import dev.parley.workspace.identity.WorkspaceRepository;
import dev.parley.workspace.token.SigningKeys;
import dev.parley.workspace.usergroup.UserGroupService;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/** The workspace service's side of {@link WorkspaceClient}: the bean co-located callers use, and its HTTP endpoint. */
@RestController
class WorkspaceInternalController implements WorkspaceClient {

    private final SigningKeys keys;
    private final IdentityService identity;
    private final UserGroupService groups;
    private final OpaqueTokens opaqueTokens;
    private final UserDirectory directory;
    private final WorkspaceRepository workspaces;

    WorkspaceInternalController(SigningKeys keys, IdentityService identity, UserGroupService groups,
                                OpaqueTokens opaqueTokens, UserDirectory directory, WorkspaceRepository workspaces) {
        this.keys = keys;
        this.identity = identity;
        this.groups = groups;
        this.opaqueTokens = opaqueTokens;
        this.directory = directory;
        this.workspaces = workspaces;
    }

    @Override
    public OpaqueTokens.Grant opaqueToken(TokenHash query) {
        return opaqueTokens.find(query.hash());
    }

    @Override
    public UserIds activeUsers(UserIds query) {
        return new UserIds(query.workspaceId(), identity.activeUsers(query.workspaceId(), query.userIds()));
    }

    @Override
    public GroupMembers groupMembers(GroupQuery query) {
        return new GroupMembers(groups.mentionable(query.workspaceId(),
                query.groupIds() == null ? List.of() : query.groupIds().stream().limit(100).toList()));
    }

    @Override
    public Members activeMembers(UserIds query) {
        return new Members(identity.activeMembers(query.workspaceId(), query.userIds()).stream()
                .map(u -> new Member(u.id(), u.role()))
                .toList());
    }

    @Override
    public WorkspaceIds workspaceIds(WorkspaceIdsQuery query) {
        int limit = Math.clamp(query.limit(), 1, 1000);
        List<String> ids = workspaces.idsAfter(query.afterId(), limit);
        return new WorkspaceIds(ids, ids.size() == limit);
    }

    @Override
    public String jwks() {
        return keys.jwks();
    }

    @Override
    public UserNames usersByName(NamesQuery query) {
        return new UserNames(directory.byName(query.workspaceId(), query.names()));
    }

    @Override
    public UserNames users(UserIds query) {
        return new UserNames(directory.byId(query.workspaceId(), query.userIds()));
    }
}
