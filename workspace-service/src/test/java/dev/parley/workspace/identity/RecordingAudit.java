package dev.parley.workspace.identity;

import dev.parley.common.api.ApiRequest;
import dev.parley.workspace.security.SecurityAudit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each security event as one line, for tests to check that every change is reported once. */
final class RecordingAudit implements SecurityAudit {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void signedIn(String workspaceId, String userId, ApiRequest.Client client) {
        events.add("signedIn " + userId + " from " + client.ipAddress());
    }

    @Override
    public void signInFailed(String workspaceId, String userId, ApiRequest.Client client) {
        events.add("signInFailed " + userId + " from " + client.ipAddress());
    }

    @Override
    public void userDeactivated(String workspaceId, String actorId, String userId, ApiRequest.Client client) {
        events.add("deactivated " + userId + " by " + actorId);
    }

    @Override
    public void userReactivated(String workspaceId, String actorId, String userId, ApiRequest.Client client) {
        events.add("reactivated " + userId + " by " + actorId);
    }

    @Override
    public void roleChanged(String workspaceId, String actorId, String userId, String fromRole, String toRole,
                            ApiRequest.Client client) {
        events.add("role " + userId + " " + fromRole + "->" + toRole + " by " + actorId);
    }

    @Override
    public void tokenRevoked(String workspaceId, String userId, String tokenId, ApiRequest.Client client) {
        events.add("revoked " + userId);
    }

    @Override
    public void refreshTokenReused(String workspaceId, String userId, String familyId, ApiRequest.Client client) {
        events.add("reused " + userId);
    }
}
