package dev.parley.workspace.identity;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.auth.Scopes;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiMethod.Access;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.api.Cursors;
import dev.parley.workspace.bot.Bot;
import dev.parley.workspace.bot.BotService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import dev.parley.common.api.WebApi;

/**
 * Web API of identity: bootstrap a workspace ({@code workspaces.create}), add users ({@code admin.users.create}),
 * sign in ({@code auth.signin}), and Slack's {@code auth.test} and {@code team.info}.
 */
@WebApi
class WorkspaceApi {

    private final IdentityService identity;
    private final BotService bots;
    private final boolean openSignup;
    private final String publicUrl;

    WorkspaceApi(IdentityService identity, BotService bots, Environment env) {
        this.identity = identity;
        this.bots = bots;
        this.openSignup = env.getProperty("parley.workspace.open-signup", Boolean.class, true);
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
                request.string("real_name").orElse(null));
        return ApiResult.of("team", team(created.workspace()))
                .with("user", user(created.owner(), null))
                .with("token", created.token().token())
                .with("expires_in", created.token().expiresInSeconds());
    }

    @ApiMethod(value = "admin.users.create", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult createUser(ApiRequest request) {
        Caller caller = request.requireCaller();
        User created = identity.createUser(caller.workspaceId(),
                request.require("email", "invalid_email"),
                request.require("password", "invalid_password"),
                request.string("name").orElse(null),
                request.string("real_name").orElse(null),
                request.string("role").orElse(User.MEMBER));
        return ApiResult.of("user", user(created, null));
    }

    @ApiMethod(value = "auth.signin", authenticated = false, tier = Tier.TIER_2)
    ApiResult signIn(ApiRequest request) {
        IdentityService.SignIn signedIn = identity.signIn(
                request.require("email", "invalid_auth"),
                request.require("password", "invalid_auth"),
                request.string("team").orElse(null));
        return ApiResult.of("token", signedIn.token().token())
                .with("expires_in", signedIn.token().expiresInSeconds())
                .with("user_id", signedIn.user().id())
                .with("team_id", signedIn.user().workspaceId());
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

    @ApiMethod(value = "team.info", scopes = Scopes.TEAM_READ, tier = Tier.TIER_3)
    ApiResult teamInfo(ApiRequest request) {
        return ApiResult.of("team", team(identity.workspace(request.requireCaller().workspaceId())));
    }

    @ApiMethod(value = "users.info", scopes = Scopes.USERS_READ, tier = Tier.TIER_4)
    ApiResult usersInfo(ApiRequest request) {
        Caller caller = request.requireCaller();
        String userId = request.require("user", "user_not_found");
        User user = identity.user(caller.workspaceId(), userId);
        return ApiResult.of("user", user(user, botOf(user)));
    }

    @ApiMethod(value = "users.list", scopes = Scopes.USERS_READ, tier = Tier.TIER_2)
    ApiResult usersList(ApiRequest request) {
        Caller caller = request.requireCaller();
        int limit = request.limit(200, 1000);
        String after = request.string("cursor").map(c -> Cursors.decode(c, "next_id")).orElse("");
        List<User> page = identity.list(caller.workspaceId(), after, limit + 1);
        boolean more = page.size() > limit;
        List<User> shown = more ? page.subList(0, limit) : page;
        return ApiResult.of("members", shown.stream().map(u -> user(u, botOf(u))).toList())
                .nextCursor(more ? Cursors.encode("next_id", shown.getLast().id()) : "");
    }

    static Map<String, Object> team(Workspace w) {
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("id", w.id());
        team.put("name", w.name());
        team.put("domain", w.domain());
        return team;
    }

    private Bot botOf(User u) {
        return u.bot() ? bots.ofUser(u.workspaceId(), u.id()).orElse(null) : null;
    }

    /** Slack's user object; a bot's carries {@code is_bot} and its bot and app ids in the profile. */
    static Map<String, Object> user(User u, Bot bot) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", u.id());
        user.put("team_id", u.workspaceId());
        user.put("name", u.name());
        user.put("real_name", u.realName());
        user.put("deleted", u.deleted());
        user.put("is_admin", !User.MEMBER.equals(u.role()));
        user.put("is_owner", User.OWNER.equals(u.role()));
        user.put("is_bot", u.bot());
        user.put("is_app_user", false);
        Map<String, Object> profile = new LinkedHashMap<>();
        if (!u.bot()) {
            profile.put("email", u.email());
        }
        profile.put("real_name", u.realName());
        profile.put("display_name", u.name());
        if (bot != null) {
            profile.put("bot_id", bot.id());
            profile.put("api_app_id", bot.appId());
            profile.put("always_active", true);
        }
        user.put("profile", profile);
        return user;
    }
}
