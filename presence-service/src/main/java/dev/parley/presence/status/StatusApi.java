package dev.parley.presence.status;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.auth.Scopes;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.json.SlackJson;
import dev.parley.presence.KnownUsers;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Web API of the custom status part of a profile: {@code users.profile.get} and {@code users.profile.set}. Other
 * profile fields are not kept here; setting them changes nothing.
 */
@WebApi
class StatusApi {

    private static final List<String> FIELDS = List.of(StatusService.TEXT, StatusService.EMOJI, StatusService.EXPIRATION);

    private final StatusService statuses;
    private final KnownUsers users;

    StatusApi(StatusService statuses, KnownUsers users) {
        this.statuses = statuses;
        this.users = users;
    }

    @ApiMethod(value = "users.profile.get", scopes = Scopes.USERS_PROFILE_READ, tier = Tier.TIER_4)
    ApiResult get(ApiRequest request) {
        Caller caller = request.requireCaller();
        String user = users.require(caller, request.string("user"));
        return ApiResult.of("profile", profile(statuses.status(caller.workspaceId(), user)));
    }

    // Slack grants users.profile:write to user tokens only.
    @ApiMethod(value = "users.profile.set", scopes = Scopes.USERS_PROFILE_WRITE, tokens = TokenKind.USER,
            tier = Tier.TIER_3)
    ApiResult set(ApiRequest request) {
        Caller caller = request.requireCaller();
        Optional<String> other = request.string("user").filter(id -> !id.equals(caller.userId()));
        if (other.isPresent() && !caller.isAdmin()) {
            throw new SlackApiException("not_admin");
        }
        String user = users.require(caller, other);
        Map<String, String> fields = fields(request);
        return ApiResult.of("profile", profile(statuses.update(caller.workspaceId(), user, fields)));
    }

    /** The status fields given, either in {@code profile} (a JSON object, or its text) or as {@code name}/{@code value}. */
    private static Map<String, String> fields(ApiRequest request) {
        Map<String, String> fields = new HashMap<>();
        Object profile = request.params().get("profile");
        if (profile != null && !(profile instanceof String s && s.isBlank())) {
            JsonNode json = profile instanceof JsonNode node ? node : parse(String.valueOf(profile));
            if (json == null || !json.isObject()) {
                throw new SlackApiException("invalid_profile");
            }
            for (String field : FIELDS) {
                JsonNode value = json.get(field);
                if (value != null) {
                    if (!value.isNull() && !value.isValueNode()) {
                        throw new SlackApiException("invalid_profile");
                    }
                    fields.put(field, value.isNull() ? "" : value.asString());
                }
            }
            return fields;
        }
        Optional<String> name = request.string("name");
        if (name.isEmpty()) {
            throw new SlackApiException("invalid_profile");
        }
        if (FIELDS.contains(name.get())) {
            Object value = request.params().get("value");
            fields.put(name.get(), value == null ? "" : String.valueOf(value));
        }
        return fields;
    }

    private static JsonNode parse(String text) {
        try {
            return SlackJson.tree(text);
        } catch (JacksonException e) {
            throw new SlackApiException("invalid_profile");
        }
    }

    private static Map<String, Object> profile(CustomStatus status) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put(StatusService.TEXT, status.text());
        profile.put(StatusService.EMOJI, status.emoji());
        profile.put(StatusService.EXPIRATION, status.expiration());
        return profile;
    }
}
