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

    record UserIds(String workspaceId, List<String> userIds) {
    }

    /** What an opaque token grants, by its SHA-256: how verifiers outside the workspace service resolve bot tokens. */
    @PostExchange("/opaque-token")
    OpaqueTokens.Grant opaqueToken(@RequestBody TokenHash query);

    record TokenHash(String hash) {
    }
}
