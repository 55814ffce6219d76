package dev.parley.presence.online;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.auth.Scopes;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.presence.KnownUsers;

/** Web API of presence: {@code users.getPresence} and {@code users.setPresence}. */
@WebApi
class PresenceApi {

    private final PresenceService presence;
    private final KnownUsers users;

    PresenceApi(PresenceService presence, KnownUsers users) {
        this.presence = presence;
        this.users = users;
    }

    @ApiMethod(value = "users.getPresence", scopes = Scopes.USERS_READ, tier = Tier.TIER_3)
    ApiResult getPresence(ApiRequest request) {
        Caller caller = request.requireCaller();
        String user = users.require(caller, request.string("user"));
        Presence p = presence.presence(caller.workspaceId(), user);
        ApiResult result = ApiResult.of("presence", p.presence());
        if (!user.equals(caller.userId())) {
            return result; // how presence was reached is the user's own business, as in Slack
        }
        result.with("online", p.online())
                .with("auto_away", p.autoAway())
                .with("manual_away", p.manualAway())
                .with("connection_count", p.connectionCount());
        if (p.online()) {
            result.with("last_activity", p.lastActivityMillis() / 1000);
        }
        return result;
    }

    @ApiMethod(value = "users.setPresence", scopes = Scopes.USERS_WRITE, tier = Tier.TIER_2)
    ApiResult setPresence(ApiRequest request) {
        Caller caller = request.requireCaller();
        boolean away = switch (request.string("presence").orElse("")) {
            case "away" -> true;
            case "auto" -> false;
            default -> throw new SlackApiException("invalid_presence");
        };
        presence.setManualAway(caller.workspaceId(), caller.userId(), away);
        return ApiResult.ok();
    }
}
