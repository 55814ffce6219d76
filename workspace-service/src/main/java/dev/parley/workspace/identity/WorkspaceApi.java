package dev.parley.workspace.identity;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.avatar.DefaultAvatars;
import dev.parley.workspace.WorkspaceProperties;
import dev.parley.workspace.bot.BotService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Web API of identity: bootstrap a workspace ({@code workspaces.create}), sign in ({@code auth.signin}), and Slack's
 * {@code auth.test} and {@code team.info}.
 */
@WebApi
class WorkspaceApi {

    private static final List<Integer> ICON_SIZES = List.of(34, 44, 68, 88, 102, 132, 230);

    private final IdentityService identity;
    private final BotService bots;
    private final boolean openSignup;
    private final String publicUrl;

    WorkspaceApi(IdentityService identity, BotService bots, WorkspaceProperties properties, Environment env) {
        this.identity = identity;
        this.bots = bots;
        this.openSignup = properties.openSignup();
        this.publicUrl = env.getProperty("parley.public-url", "http://localhost:8080/");
    }

    @ApiMethod(value = "workspaces.create", authenticated = false, tier = Tier.TIER_1)
    ApiResult create(ApiRequest request) {
        if (!openSignup) {
            throw new SlackApiException("signup_disabled");
        }
        IdentityService.Bootstrap created = identity.createWorkspace(
                request.require("name", "invalid_name"),
                request.string("domain").orElse(null),
                request.require("email", "invalid_email"),
                request.require("password", "invalid_password"),
                request.string("real_name").orElse(null),
                request.client());
        return ApiResult.of("team", team(created.workspace()))
                .with("user", AccountViews.user(created.owner()))
                .with("token", created.session().access().token())
                .with("expires_in", created.session().access().expiresInSeconds())
                .with("refresh_token", created.session().refreshToken());
    }

    @ApiMethod(value = "auth.signin", authenticated = false, tier = Tier.TIER_2)
    ApiResult signIn(ApiRequest request) {
        SessionService.Session signedIn = identity.signIn(
                request.require("email", "invalid_auth"),
                request.require("password", "invalid_auth"),
                request.string("team").orElse(null),
                request.client());
        return AccountViews.signedIn(signedIn.user(), signedIn);
    }

    @ApiMethod(value = "auth.test", tier = Tier.TIER_4)
    ApiResult authTest(ApiRequest request) {
        Caller caller = request.requireCaller();
        Workspace workspace = identity.workspace(caller.workspaceId());
        User user = identity.user(caller.workspaceId(), caller.userId());
        ApiResult result = ApiResult.of("url", publicUrl)
                .with("team", workspace.name())
                .with("user", user.name())
                .with("team_id", workspace.id())
                .with("user_id", user.id());
        if (user.bot()) {
            // Slack's answer for a bot token names the bot too.
            bots.ofUser(user.workspaceId(), user.id()).ifPresent(b -> result.with("bot_id", b.id()).with("app_id", b.appId()));
        }
        return result.with("is_enterprise_install", false);
    }

    /** Slack's team object of the caller's workspace; asking for another one by id or domain is team_not_found. */
    @ApiMethod(value = "team.info", scopes = Scopes.TEAM_READ, tier = Tier.TIER_3)
    ApiResult teamInfo(ApiRequest request) {
        Workspace workspace = identity.workspace(request.requireCaller().workspaceId());
        Optional<String> team = request.string("team");
        Optional<String> domain = request.string("domain");
        if (team.filter(t -> !t.equals(workspace.id())).isPresent()
                || domain.filter(d -> !d.equalsIgnoreCase(workspace.domain())).isPresent()) {
            throw new SlackApiException("team_not_found");
        }
        Map<String, Object> info = team(workspace);
        info.put("email_domain", "");
        Map<String, Object> icon = new LinkedHashMap<>();
        for (int size : ICON_SIZES) {
            icon.put("image_" + size, DefaultAvatars.url(publicUrl, workspace.name(), workspace.id(), size));
        }
        icon.put("image_default", true);
        info.put("icon", icon);
        info.put("url", publicUrl);
        info.put("is_verified", false);
        info.put("avatar_base_url", publicUrl + "avatars/");
        return ApiResult.of("team", info);
    }

    static Map<String, Object> team(Workspace w) {
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("id", w.id());
        team.put("name", w.name());
        team.put("domain", w.domain());
        return team;
    }
}
