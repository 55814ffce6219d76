package dev.parley.workspace.audit;

import dev.parley.common.api.ApiRequest;
import dev.parley.workspace.security.SecurityAudit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The security events of sessions and accounts in the audit log, under Slack's action names. Signing keys belong to
 * no workspace, so their rotation goes to the service log only.
 */
@Component
class AuditLogSecurityAudit implements SecurityAudit {

    private static final Logger log = LoggerFactory.getLogger(AuditLogSecurityAudit.class);

    private final AuditLog audit;

    AuditLogSecurityAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void signedIn(String workspaceId, String userId, ApiRequest.Client client) {
        audit.record(workspaceId, "user_login", userId, AuditEntity.user(userId), client);
    }

    @Override
    public void signInFailed(String workspaceId, String userId, ApiRequest.Client client) {
        audit.record(workspaceId, "user_login_failed", userId, AuditEntity.user(userId), client);
    }

    @Override
    public void userDeactivated(String workspaceId, String actorId, String userId, ApiRequest.Client client) {
        audit.record(workspaceId, "user_deactivated", actorId, AuditEntity.user(userId), client);
    }

    @Override
    public void userReactivated(String workspaceId, String actorId, String userId, ApiRequest.Client client) {
        audit.record(workspaceId, "user_reactivated", actorId, AuditEntity.user(userId), client);
    }

    @Override
    public void roleChanged(String workspaceId, String actorId, String userId, String fromRole, String toRole,
                            ApiRequest.Client client) {
        String action = switch (toRole) {
            case "owner" -> "role_change_to_owner";
            case "admin" -> "role_change_to_admin";
            case "guest", "single_channel_guest" -> "role_change_to_guest";
            default -> "role_change_to_user";
        };
        audit.record(workspaceId, action, actorId, AuditEntity.user(userId), client,
                Map.of("previous_value", fromRole, "new_value", toRole));
    }

    @Override
    public void tokenRevoked(String workspaceId, String userId, String tokenId, ApiRequest.Client client) {
        audit.record(workspaceId, "user_logout", userId, AuditEntity.user(userId), client);
    }

    @Override
    public void refreshTokenReused(String workspaceId, String userId, String familyId, ApiRequest.Client client) {
        audit.record(workspaceId, "token_revoked", null, AuditEntity.user(userId), client,
                Map.of("reason", "refresh_token_reused"));
    }

    @Override
    public void signingKeyRotated(String kid, long activatesAtMillis, String trigger) {
        log.info("Signing key {} rotated in ({}); it signs from {}", kid, trigger,
                java.time.Instant.ofEpochMilli(activatesAtMillis));
    }

    @Override
    public void signingKeysDeleted(List<String> kids) {
        log.info("Signing keys {} deleted", kids);
    }
}
