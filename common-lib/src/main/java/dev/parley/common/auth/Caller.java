package dev.parley.common.auth;

/** The authenticated user behind a request or a socket: workspace, user and workspace role. */
public record Caller(String workspaceId, String userId, String role) {

    public boolean isAdmin() {
        return "owner".equals(role) || "admin".equals(role);
    }
}
