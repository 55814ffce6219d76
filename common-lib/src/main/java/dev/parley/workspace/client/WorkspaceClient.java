package dev.parley.workspace.client;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** What other services ask of the workspace service. In-process bean when co-located, HTTP otherwise. */
@HttpExchange("/internal/workspace")
public interface WorkspaceClient {

    /** The JWKS document with the public keys that sign access tokens. */
    @GetExchange("/jwks")
    String jwks();
}
