package dev.parley.workspace;

import dev.parley.workspace.client.WorkspaceClient;
import dev.parley.workspace.token.SigningKeys;
import org.springframework.web.bind.annotation.RestController;

/** The workspace service's side of {@link WorkspaceClient}: the bean co-located callers use, and its HTTP endpoint. */
@RestController
class WorkspaceInternalController implements WorkspaceClient {

    private final SigningKeys keys;

    WorkspaceInternalController(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public String jwks() {
        return keys.jwks();
    }
}
