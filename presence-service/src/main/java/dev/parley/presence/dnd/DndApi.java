package dev.parley.presence.dnd;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.auth.Scopes;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.TokenKind;
import dev.parley.presence.KnownUsers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Web API of do-not-disturb: {@code dnd.setSnooze}, {@code endSnooze}, {@code info}, {@code teamInfo}. */
@WebApi
class DndApi {

    /** Slack's limit on {@code dnd.teamInfo}'s users. */
    static final int MAX_TEAM_INFO_USERS = 50;

    private final DndService dnd;
    private final KnownUsers users;

    DndApi(DndService dnd, KnownUsers users) {
        this.dnd = dnd;
        this.users = users;
    }

    // Slack grants dnd:write to user tokens only: a bot has no do-not-disturb of its own.
    @ApiMethod(value = "dnd.setSnooze", scopes = Scopes.DND_WRITE, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult setSnooze(ApiRequest request) {
        Caller caller = request.requireCaller();
        int minutes = request.integer("num_minutes").orElseThrow(() -> new SlackApiException("missing_duration"));
        DndStatus status = dnd.setSnooze(caller.workspaceId(), caller.userId(), minutes);
        ApiResult result = ApiResult.ok();
        status.snooze().forEach(result::with);
        return result.with("snooze_is_indefinite", false);
    }

    @ApiMethod(value = "dnd.endSnooze", scopes = Scopes.DND_WRITE, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult endSnooze(ApiRequest request) {
        Caller caller = request.requireCaller();
        DndStatus status = dnd.endSnooze(caller.workspaceId(), caller.userId());
        ApiResult result = ApiResult.ok();
        status.schedule().forEach(result::with);
        return result.with("snooze_enabled", false);
    }

    @ApiMethod(value = "dnd.info", scopes = Scopes.DND_READ, tier = Tier.TIER_3)
    ApiResult info(ApiRequest request) {
        Caller caller = request.requireCaller();
        String user = users.require(caller, request.string("user"));
        ApiResult result = ApiResult.ok();
        dnd.status(caller.workspaceId(), List.of(user)).get(user).all().forEach(result::with);
        return result;
    }

    @ApiMethod(value = "dnd.teamInfo", scopes = Scopes.DND_READ, tier = Tier.TIER_2)
    ApiResult teamInfo(ApiRequest request) {
        Caller caller = request.requireCaller();
        List<String> named = Arrays.stream(request.require("users", "no_users_provided").split(","))
                .map(String::trim).filter(id -> !id.isEmpty()).toList();
        if (named.isEmpty()) {
            throw new SlackApiException("no_users_provided");
        }
        if (named.size() > MAX_TEAM_INFO_USERS) {
            throw new SlackApiException("too_many_users");
        }
        List<String> known = users.requireAll(caller, named);
        Map<String, Object> byUser = new LinkedHashMap<>();
        dnd.status(caller.workspaceId(), known).forEach((user, status) -> byUser.put(user, status.all()));
        return ApiResult.of("users", byUser);
    }
}
