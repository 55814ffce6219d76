package dev.parley.workspace.profile;

import dev.parley.channel.client.People;
import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.Cursors;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.id.Ids;
import dev.parley.common.json.SlackJson;
import dev.parley.workspace.identity.IdentityService;
import dev.parley.workspace.identity.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Web API of people: {@code users.info}, {@code users.list}, {@code users.lookupByEmail} and the whole profile with
 * {@code users.profile.get} and {@code users.profile.set}. Emails are shown to tokens with {@code users:read.email}.
 */
@WebApi
class UsersApi {

    private static final int MAX_FIELDS = 50;

    private final IdentityService identity;
    private final ProfileService profiles;
    private final People people;

    UsersApi(IdentityService identity, ProfileService profiles, People people) {
        this.identity = identity;
        this.profiles = profiles;
        this.people = people;
    }

    @ApiMethod(value = "users.info", scopes = Scopes.USERS_READ, tier = Tier.TIER_4)
    ApiResult usersInfo(ApiRequest request) {
        Caller caller = request.requireCaller();
        User user = identity.user(caller.workspaceId(), userId(request.string("user").orElse(null)));
        if (!people.sees(caller, user.id())) {
            throw new SlackApiException("user_not_found");
        }
        return ApiResult.of("user", profiles.userObject(user, caller.hasScope(Scopes.USERS_READ_EMAIL)));
    }

    @ApiMethod(value = "users.list", scopes = Scopes.USERS_READ, tier = Tier.TIER_2)
    ApiResult usersList(ApiRequest request) {
        Caller caller = request.requireCaller();
        int limit = request.limit(200, 1000);
        String after = request.string("cursor").map(c -> Cursors.decode(c, "next_id")).orElse("");
        // A guest's list is the people it can see, paged by id like everyone's.
        List<User> page = people.page(caller, after, limit + 1)
                .map(ids -> identity.users(caller.workspaceId(), ids))
                .orElseGet(() -> identity.list(caller.workspaceId(), after, limit + 1));
        boolean more = page.size() > limit;
        List<User> shown = more ? page.subList(0, limit) : page;
        return ApiResult.of("members", profiles.userObjects(caller.workspaceId(), shown,
                        caller.hasScope(Scopes.USERS_READ_EMAIL)))
                .with("cache_ts", System.currentTimeMillis() / 1000)
                .nextCursor(more ? Cursors.encode("next_id", shown.getLast().id()) : "");
    }

    @ApiMethod(value = "users.lookupByEmail", scopes = Scopes.USERS_READ_EMAIL, tier = Tier.TIER_3)
    ApiResult lookupByEmail(ApiRequest request) {
        Caller caller = request.requireCaller();
        String email = request.require("email", "users_not_found");
        if (email.length() > 254) {
            throw new SlackApiException("users_not_found");
        }
        User user = identity.byEmail(caller.workspaceId(), email)
                .filter(u -> !u.deleted() && people.sees(caller, u.id()))
                .orElseThrow(() -> new SlackApiException("users_not_found"));
        return ApiResult.of("user", profiles.userObject(user, true));
    }

    @ApiMethod(value = "users.profile.get", scopes = Scopes.USERS_PROFILE_READ, tier = Tier.TIER_4)
    ApiResult profileGet(ApiRequest request) {
        Caller caller = request.requireCaller();
        String user = request.string("user").map(UsersApi::userId).orElse(caller.userId());
        if (!people.sees(caller, user)) {
            throw new SlackApiException("user_not_found");
        }
        return ApiResult.of("profile", profiles.profile(caller.workspaceId(), user, caller.hasScope(Scopes.USERS_READ_EMAIL)));
    }

    // Slack grants users.profile:write to user tokens only.
    @ApiMethod(value = "users.profile.set", scopes = Scopes.USERS_PROFILE_WRITE, tokens = TokenKind.USER,
            tier = Tier.TIER_3)
    ApiResult profileSet(ApiRequest request) {
        Caller caller = request.requireCaller();
        String user = request.string("user").map(UsersApi::userId).orElse(caller.userId());
        return ApiResult.of("profile", profiles.set(caller, user, fields(request), request.client()));
    }

    private static String userId(String id) {
        if (!Ids.looksLike(id, 'U', 'W')) {
            throw new SlackApiException("user_not_found");
        }
        return id;
    }

    /** The fields given, either in {@code profile} (a JSON object, or its text) or as one {@code name}/{@code value}. */
    static Map<String, String> fields(ApiRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        Object profile = request.params().get("profile");
        if (profile != null && !(profile instanceof String s && s.isBlank())) {
            JsonNode json = profile instanceof JsonNode node ? node : parse(String.valueOf(profile));
            if (json == null || !json.isObject() || json.size() > MAX_FIELDS) {
                throw new SlackApiException("invalid_profile");
            }
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().length() > 255 || (!value.isNull() && !value.isValueNode())) {
                    throw new SlackApiException("invalid_profile");
                }
                fields.put(field.getKey(), value.isNull() ? "" : value.asString());
            }
            return fields;
        }
        Optional<String> name = request.string("name");
        if (name.isEmpty() || name.get().length() > 255) {
            throw new SlackApiException("invalid_profile");
        }
        Object value = request.params().get("value");
        fields.put(name.get(), value == null ? "" : String.valueOf(value));
        return fields;
    }

    private static JsonNode parse(String text) {
        try {
            return SlackJson.tree(text);
        } catch (JacksonException e) {
            throw new SlackApiException("invalid_profile");
        }
    }
}
