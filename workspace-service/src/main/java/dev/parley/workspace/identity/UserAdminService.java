package dev.parley.workspace.identity;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.MemberRole;
import dev.parley.workspace.security.SecurityAudit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What owners and admins do to other accounts: deactivate, reactivate, change roles. Each change takes effect at once:
 * deactivation revokes every token and closes the user's sockets; a role change revokes the access tokens that carry
 * the old role (the refresh token stays valid and brings one with the new role).
 */
@Service
public class UserAdminService {

    /** The roles the role methods set (guests have their own methods). */
    public enum Role {
        OWNER(MemberRole.OWNER), ADMIN(MemberRole.ADMIN), REGULAR(MemberRole.MEMBER);

        private final MemberRole role;

        Role(MemberRole role) {
            this.role = role;
        }
    }

    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final SessionService sessions;
    private final SecurityAudit audit;
    private final TransactionTemplate tx;

    UserAdminService(WorkspaceRepository workspaces, UserRepository users, SessionService sessions, SecurityAudit audit,
                     TransactionTemplate tx) {
        this.workspaces = workspaces;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * Deactivates ({@code active} false) or reactivates an account. Nobody deactivates themselves, and only owners
     * act on owners. A deactivated user's tokens and refresh tokens are revoked (later calls answer
     * {@code account_inactive}) and their sockets closed; reactivating lets them sign in again, old tokens stay dead.
     */
    public void setActive(Caller actor, String teamId, String userId, boolean active, ApiRequest.Client client) {
        String workspaceId = workspaceOf(actor, teamId);
        if (!active && actor.userId().equals(userId)) {
            throw new SlackApiException("cant_deactivate_self");
        }
        tx.executeWithoutResult(status -> {
            User target = target(workspaceId, userId);
            requireMayActOn(actor, target);
            users.setDeleted(workspaceId, userId, !active);
            if (!active) {
                sessions.revokeRefreshTokens(workspaceId, userId);
            }
        });
        if (active) {
            audit.userReactivated(workspaceId, actor.userId(), userId, client);
        } else {
            sessions.endAccessTokens(workspaceId, userId, "account_inactive");
            audit.userDeactivated(workspaceId, actor.userId(), userId, client);
        }
    }

    /**
     * Slack's {@code admin.users.setOwner}, {@code setAdmin}, {@code setRegular}: only owners make owners and admins
     * and change an owner's or admin's role; the workspace's last active owner stays an owner.
     */
    public void setRole(Caller actor, String teamId, String userId, Role role, ApiRequest.Client client) {
        String workspaceId = workspaceOf(actor, teamId);
        String[] change = tx.execute(status -> {
            workspaces.lock(workspaceId);
            User target = target(workspaceId, userId);
            if (role != Role.REGULAR || target.role().equals(User.OWNER) || target.role().equals(User.ADMIN)) {
                requireOwner(actor);
            }
            if (target.role().equals(role.role.id())) {
                return null;
            }
            if (target.role().equals(User.OWNER) && !target.deleted() && users.activeOwners(workspaceId) <= 1) {
                throw new SlackApiException("cant_demote_last_owner");
            }
            users.setRole(workspaceId, userId, role.role.id());
            return new String[] {target.role(), role.role.id()};
        });
        if (change == null) {
            return;
        }
        sessions.endAccessTokens(workspaceId, userId, "token_revoked");
        audit.roleChanged(workspaceId, actor.userId(), userId, change[0], change[1], client);
    }

    private static String workspaceOf(Caller actor, String teamId) {
        if (teamId != null && !teamId.equals(actor.workspaceId())) {
            throw new SlackApiException("team_not_found");
        }
        return actor.workspaceId();
    }

    private User target(String workspaceId, String userId) {
        return users.find(workspaceId, userId).orElseThrow(() -> new SlackApiException("user_not_found"));
    }

    private static void requireMayActOn(Caller actor, User target) {
        if (target.role().equals(User.OWNER)) {
            requireOwner(actor);
        }
    }

    private static void requireOwner(Caller actor) {
        if (!actor.isOwner()) {
            throw new SlackApiException("not_an_owner");
        }
    }
}
