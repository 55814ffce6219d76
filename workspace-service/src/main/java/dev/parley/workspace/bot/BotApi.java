package dev.parley.workspace.bot;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Access;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import dev.parley.workspace.identity.IdentityService;
import dev.parley.workspace.identity.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Web API of bots: an admin installs one ({@code admin.apps.install}, answered like Slack's {@code oauth.v2.access}),
 * lists and uninstalls them ({@code admin.apps.list}, {@code admin.apps.uninstall}); anyone reads Slack's
 * {@code bots.info}.
 */
@WebApi
class BotApi {

    private final BotService bots;
    private final IdentityService identity;

    BotApi(BotService bots, IdentityService identity) {
        this.bots = bots;
        this.identity = identity;
    }

    @ApiMethod(value = "admin.apps.install", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult install(ApiRequest request) {
        Caller caller = request.requireCaller();
        String scopes = request.string("scopes").or(() -> request.string("scope")).orElse("");
        BotService.Installed installed = bots.install(caller, request.require("name", "invalid_name"),
                request.string("real_name").orElse(null), scopes);
        Workspace workspace = identity.workspace(caller.workspaceId());
        Bot bot = installed.bot();
        return ApiResult.of("app_id", bot.appId())
                .with("authed_user", Map.of("id", caller.userId()))
                .with("scope", Scopes.join(bot.scopes()))
                .with("token_type", "bot")
                .with("access_token", installed.token())
                .with("bot_user_id", bot.userId())
                .with("bot_id", bot.id())
                .with("team", Map.of("id", workspace.id(), "name", workspace.name()))
                .with("is_enterprise_install", false);
    }

    @ApiMethod(value = "admin.apps.uninstall", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult uninstall(ApiRequest request) {
        String id = request.string("app_id").or(() -> request.string("bot_id"))
                .orElseThrow(() -> new SlackApiException("invalid_arguments"));
        bots.uninstall(request.requireCaller(), id);
        return ApiResult.ok();
    }

    @ApiMethod(value = "admin.apps.list", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult list(ApiRequest request) {
        return ApiResult.of("apps", bots.installed(request.requireCaller().workspaceId()).stream()
                .map(BotApi::app).toList());
    }

    @ApiMethod(value = "bots.info", scopes = Scopes.USERS_READ, tier = Tier.TIER_3)
    ApiResult info(ApiRequest request) {
        Caller caller = request.requireCaller();
        String id = request.require("bot", "bot_not_found");
        Bot bot = (id.startsWith("B") ? bots.find(caller.workspaceId(), id) : java.util.Optional.<Bot>empty())
                .orElseThrow(() -> new SlackApiException("bot_not_found"));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", bot.id());
        view.put("deleted", bot.deleted());
        view.put("name", bot.name());
        view.put("updated", bot.updatedAt());
        view.put("app_id", bot.appId());
        view.put("user_id", bot.userId());
        return ApiResult.of("bot", view);
    }

    private static Map<String, Object> app(Bot bot) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("app_id", bot.appId());
        view.put("bot_id", bot.id());
        view.put("bot_user_id", bot.userId());
        view.put("name", bot.name());
        view.put("scopes", bot.scopes().stream().sorted().toList());
        view.put("installed_by", bot.installedBy());
        view.put("date_installed", bot.createdAt());
        return view;
    }
}
