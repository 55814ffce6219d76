package dev.parley.workspace.identity;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.TokenKind;
import java.util.Map;

/**
 * Web API of sessions in Slack's terms: token rotation through {@code oauth.v2.access} with
 * {@code grant_type=refresh_token}, and {@code auth.revoke}.
 */
@WebApi
class SessionApi {

    private final SessionService sessions;

    SessionApi(SessionService sessions) {
        this.sessions = sessions;
    }

    /**
     * Slack's token rotation: a refresh token for a new access token and the next refresh token. Slack's
     * {@code client_id} and {@code client_secret} are accepted and ignored: a person's session belongs to no app.
     */
    @ApiMethod(value = "oauth.v2.access", authenticated = false, tier = Tier.TIER_3)
    ApiResult access(ApiRequest request) {
        String grant = request.string("grant_type").orElse("");
        if (!grant.equals("refresh_token")) {
            throw new SlackApiException("invalid_grant_type");
        }
        SessionService.Session session = sessions.refresh(request.require("refresh_token", "invalid_refresh_token"),
                request.client());
        User user = session.user();
        return ApiResult.of("access_token", session.access().token())
                .with("token_type", "user")
                .with("expires_in", session.access().expiresInSeconds())
                .with("refresh_token", session.refreshToken())
                .with("team", Map.of("id", user.workspaceId()))
                .with("authed_user", Map.of("id", user.id()));
    }

    /** Slack's {@code auth.revoke}: the calling token (and its refresh family) stop working; {@code test} changes nothing. */
    @ApiMethod(value = "auth.revoke", tokens = TokenKind.USER, tier = Tier.TIER_3)
    ApiResult revoke(ApiRequest request) {
        return ApiResult.of("revoked", sessions.revoke(request.requireCaller(), request.bool("test"), request.client()));
    }
}
