package dev.parley.workspace.usergroup;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Web API of user groups: {@code usergroups.create}, {@code list}, {@code update}, {@code disable}, {@code enable},
 * {@code usergroups.users.list} and {@code usergroups.users.update}, with Slack's {@code usergroup} objects.
 */
@WebApi
class UserGroupApi {

    private final UserGroupService groups;

    UserGroupApi(UserGroupService groups) {
        this.groups = groups;
    }

    @ApiMethod(value = "usergroups.create", scopes = Scopes.USERGROUPS_WRITE, tier = Tier.TIER_2)
    ApiResult create(ApiRequest request) {
        Caller caller = request.requireCaller();
        UserGroup g = groups.create(caller, request.string("name").orElse(null), request.string("handle").orElse(null),
                request.string("description").orElse(null), request.client());
        return answer(g, List.of(), false);
    }

    @ApiMethod(value = "usergroups.update", scopes = Scopes.USERGROUPS_WRITE, tier = Tier.TIER_2)
    ApiResult update(ApiRequest request) {
        Caller caller = request.requireCaller();
        UserGroup g = groups.update(caller, request.require("usergroup", "missing_argument"),
                request.string("name").orElse(null), request.string("handle").orElse(null),
                request.string("description").orElse(null), request.client());
        return answer(g, groups.members(g), true);
    }

    @ApiMethod(value = "usergroups.disable", scopes = Scopes.USERGROUPS_WRITE, tier = Tier.TIER_2)
    ApiResult disable(ApiRequest request) {
        return enable(request, false);
    }

    @ApiMethod(value = "usergroups.enable", scopes = Scopes.USERGROUPS_WRITE, tier = Tier.TIER_2)
    ApiResult enable(ApiRequest request) {
        return enable(request, true);
    }

    private ApiResult enable(ApiRequest request, boolean enabled) {
        Caller caller = request.requireCaller();
        UserGroup g = groups.setEnabled(caller, request.require("usergroup", "missing_argument"), enabled,
                request.client());
        return answer(g, groups.members(g), true);
    }

    @ApiMethod(value = "usergroups.list", scopes = Scopes.USERGROUPS_READ, tier = Tier.TIER_2)
    ApiResult list(ApiRequest request) {
        Caller caller = request.requireCaller();
        boolean includeUsers = request.bool("include_users");
        boolean includeCount = request.bool("include_count");
        List<UserGroup> found = groups.list(caller.workspaceId(), request.bool("include_disabled"));
        Map<String, List<String>> members = includeUsers || includeCount
                ? groups.members(caller.workspaceId(), found) : Map.of();
        return ApiResult.of("usergroups", found.stream()
                .map(g -> view(g, members.getOrDefault(g.id(), List.of()), includeUsers, includeCount))
                .toList());
    }

    @ApiMethod(value = "usergroups.users.list", scopes = Scopes.USERGROUPS_READ, tier = Tier.TIER_2)
    ApiResult usersList(ApiRequest request) {
        Caller caller = request.requireCaller();
        UserGroup g = groups.group(caller.workspaceId(), request.require("usergroup", "no_such_subteam"),
                request.bool("include_disabled"));
        return ApiResult.of("users", groups.members(g));
    }

    @ApiMethod(value = "usergroups.users.update", scopes = Scopes.USERGROUPS_WRITE, tier = Tier.TIER_2)
    ApiResult usersUpdate(ApiRequest request) {
        Caller caller = request.requireCaller();
        String users = request.string("users").orElseThrow(() -> new SlackApiException("no_users_provided"));
        List<String> ids = Arrays.stream(users.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        UserGroup g = groups.setUsers(caller, request.require("usergroup", "missing_argument"), ids, request.client());
        return answer(g, groups.members(g), true);
    }

    /** A changed group with its member count, and its members where the method shows them. */
    private static ApiResult answer(UserGroup g, List<String> members, boolean includeUsers) {
        return ApiResult.of("usergroup", view(g, members, includeUsers, true));
    }

    /** Slack's usergroup object; {@code users} and {@code user_count} when asked for. */
    static Map<String, Object> view(UserGroup g, List<String> members, boolean includeUsers, boolean includeCount) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", g.id());
        v.put("team_id", g.workspaceId());
        v.put("is_usergroup", true);
        v.put("is_subteam", true);
        v.put("name", g.name());
        v.put("description", g.description());
        v.put("handle", g.handle());
        v.put("is_external", false);
        v.put("date_create", g.dateCreate());
        v.put("date_update", g.dateUpdate());
        v.put("date_delete", g.dateDelete());
        v.put("auto_type", null);
        v.put("created_by", g.createdBy());
        v.put("updated_by", g.updatedBy());
        v.put("deleted_by", g.deletedBy());
        v.put("prefs", Map.of("channels", List.of(), "groups", List.of()));
        if (includeUsers) {
            v.put("users", members);
        }
        if (includeCount) {
            v.put("user_count", members.size());
        }
        return v;
    }
}
