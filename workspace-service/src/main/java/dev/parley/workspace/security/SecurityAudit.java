package dev.parley.workspace.security;

import dev.parley.common.api.ApiRequest;
import java.util.List;

/**
 * Where the workspace service reports security events, one call site per event. The audit log implements it
 * ({@code AuditLogSecurityAudit}); {@link #NONE} records nothing, for tests of the services alone.
 */
public interface SecurityAudit {

    /** Records nothing. */
    SecurityAudit NONE = new SecurityAudit() {
    };

    /** A user signed in (a new session: access and refresh token), with their password or an accepted invitation. */
    default void signedIn(String workspaceId, String userId, ApiRequest.Client client) {
    }

    /** A sign-in named this account and failed (wrong password, or the account is deactivated). */
    default void signInFailed(String workspaceId, String userId, ApiRequest.Client client) {
    }

    /** An admin or owner deactivated a user: their tokens are revoked and their sockets closed. */
    default void userDeactivated(String workspaceId, String actorId, String userId, ApiRequest.Client client) {
    }

    /** An admin or owner reactivated a user. */
    default void userReactivated(String workspaceId, String actorId, String userId, ApiRequest.Client client) {
    }

    /** A user's role changed ({@code owner}, {@code admin}, {@code member}, …); their older tokens are revoked. */
    default void roleChanged(String workspaceId, String actorId, String userId, String fromRole, String toRole,
                             ApiRequest.Client client) {
    }

    /** A user revoked their own token with {@code auth.revoke} (and the refresh family it came with). */
    default void tokenRevoked(String workspaceId, String userId, String tokenId, ApiRequest.Client client) {
    }

    /** An already rotated refresh token was presented again: its family was revoked as possibly stolen. */
    default void refreshTokenReused(String workspaceId, String userId, String familyId, ApiRequest.Client client) {
    }

    /** A new signing key was created ({@code trigger}: {@code lifetime} or {@code operator}); keys serve every workspace. */
    default void signingKeyRotated(String kid, long activatesAtMillis, String trigger) {
    }

    /** Retired signing keys were deleted once every token they signed had expired. */
    default void signingKeysDeleted(List<String> kids) {
    }
}
