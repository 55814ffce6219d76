package dev.parley.workspace;

import dev.parley.workspace.client.WorkspaceClient;
import dev.parley.workspace.identity.IdentityService;
import dev.parley.workspace.token.SigningKeys;
import org.springframework.web.bind.annotation.RestController;

/** The workspace service's side of {@link WorkspaceClient}: the bean co-located callers use, and its HTTP endpoint. */
@RestController
class WorkspaceInternalController implements WorkspaceClient {

    private final SigningKeys keys;
    private final IdentityService identity;

    WorkspaceInternalController(SigningKeys keys, IdentityService identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @Override
    public UserIds activeUsers(UserIds query) {
        return new UserIds(query.workspaceId(), identity.activeUsers(query.workspaceId(), query.userIds()));
    }

    @Override
    public Members activeMembers(UserIds query) {
        return new Members(identity.activeMembers(query.workspaceId(), query.userIds()).stream()
                .map(u -> new Member(u.id(), u.role()))
                .toList());
    }

    @Override
    public String jwks() {
        return keys.jwks();
    }
}
