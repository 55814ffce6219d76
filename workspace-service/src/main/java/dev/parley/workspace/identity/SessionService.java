package dev.parley.workspace.identity;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.TokenRevocations;
import dev.parley.common.event.UserEvents;
import dev.parley.workspace.security.SecurityAudit;
import dev.parley.workspace.token.RefreshTokens;
import dev.parley.workspace.token.TokenIssuer;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions: an access token and a refresh token per sign-in, refreshing (with rotation and theft detection),
 * revoking one session, and ending every session of an account. Revocations are broadcast only after the change
 * that causes them has committed.
 */
@Service
public class SessionService {

    /** A session's tokens, for the user they belong to. */
    public record Session(User user, TokenIssuer.IssuedToken access, String refreshToken) {
    }

    /** What a refresh came to, decided inside the transaction and acted on after it. */
    private sealed interface Refreshed {
    }

    private record Renewed(Session session) implements Refreshed {
    }

    private record Stolen(RefreshTokens.Reused reuse) implements Refreshed {
    }

    private record Refused(String error) implements Refreshed {
    }

    private final UserRepository users;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final TokenRevocations revocations;
    private final UserEvents userEvents;
    private final SecurityAudit audit;
    private final TransactionTemplate tx;

    SessionService(UserRepository users, TokenIssuer tokens, RefreshTokens refreshTokens, TokenRevocations revocations,
                   UserEvents userEvents, SecurityAudit audit, TransactionTemplate tx) {
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.userEvents = userEvents;
        this.audit = audit;
        this.tx = tx;
    }

    /** A new session (a new refresh family) for a user who just proved who they are. */
    public Session start(User user, ApiRequest.Client client) {
        Session session = tx.execute(status -> issue(user, RefreshTokens.newFamily()));
        audit.signedIn(user.workspaceId(), user.id(), client);
        return session;
    }

    /**
     * Exchanges a refresh token for a new access token carrying the user's current role, and a new refresh token.
     * A token already exchanged revokes its whole family, the access tokens issued in it included.
     */
    public Session refresh(String presented, ApiRequest.Client client) {
        Refreshed outcome = tx.execute(status -> switch (refreshTokens.claim(presented)) {
            case RefreshTokens.Claimed claimed -> {
                User user = users.find(claimed.workspaceId(), claimed.userId()).orElse(null);
                if (user == null || user.deleted()) {
                    yield new Refused("account_inactive");
                }
                yield new Renewed(issue(user, claimed.familyId()));
            }
            case RefreshTokens.Reused reused -> new Stolen(reused);
            case RefreshTokens.Refused refused -> new Refused("invalid_refresh_token");
        });
        return switch (outcome) {
            case Renewed renewed -> renewed.session();
            case Stolen stolen -> {
                stolen.reuse().accessTokenIds().forEach(revocations::revokeToken);
                audit.refreshTokenReused(stolen.reuse().workspaceId(), stolen.reuse().userId(), stolen.reuse().familyId(),
                        client);
                throw new SlackApiException("invalid_refresh_token");
            }
            case Refused refused -> throw new SlackApiException(refused.error());
        };
    }

    /**
     * Slack's {@code auth.revoke}: the calling token stops working, with the refresh family it was issued in; with
     * {@code test} nothing changes. Whether anything was revoked.
     */
    public boolean revoke(Caller caller, boolean test, ApiRequest.Client client) {
        if (test || caller.tokenId() == null) {
            return false;
        }
        List<String> family = tx.execute(status -> refreshTokens.revokeFamilyOf(caller.workspaceId(), caller.tokenId()));
        revocations.revokeToken(caller.tokenId());
        family.stream().filter(id -> !id.equals(caller.tokenId())).forEach(revocations::revokeToken);
        audit.tokenRevoked(caller.workspaceId(), caller.userId(), caller.tokenId(), client);
        return true;
    }

    /** Revokes every refresh token of the user; part of the caller's transaction (deactivation). */
    void revokeRefreshTokens(String workspaceId, String userId) {
        refreshTokens.revokeUser(workspaceId, userId);
    }

    /**
     * After a committed change: every access token of the account issued until now fails with {@code error}, and the
     * user's sockets close on every gateway (4002), so clients come back with tokens that say what is true now.
     */
    void endAccessTokens(String workspaceId, String userId, String error) {
        revocations.revokeAccount(workspaceId, userId, error);
        userEvents.revoke(workspaceId, userId);
    }

    private Session issue(User user, String familyId) {
        TokenIssuer.IssuedToken access = tokens.issue(user.workspaceId(), user.id(), user.role());
        String refresh = refreshTokens.mint(user.workspaceId(), user.id(), familyId, access.tokenId());
        return new Session(user, access, refresh);
    }
}
