package dev.parley.workspace.identity;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Access;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.TokenKind;

/**
 * Web API of account administration, Slack's {@code admin.users.*} names ({@code team_id} optional, the caller's
 * workspace; {@code user_id}). {@code admin.users.remove} is Slack's name for taking a user out of a workspace: here
 * it deactivates, like {@code setInactive}, so the account can be reactivated with {@code setActive}.
 */
@WebApi
class UserAdminApi {

    private final UserAdminService admin;

    UserAdminApi(UserAdminService admin) {
        this.admin = admin;
    }

    @ApiMethod(value = "admin.users.setInactive", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult setInactive(ApiRequest request) {
        return setActive(request, false);
    }

    @ApiMethod(value = "admin.users.remove", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult remove(ApiRequest request) {
        return setActive(request, false);
    }

    @ApiMethod(value = "admin.users.setActive", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult setActive(ApiRequest request) {
        return setActive(request, true);
    }

    @ApiMethod(value = "admin.users.setOwner", access = Access.OWNERS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult setOwner(ApiRequest request) {
        return setRole(request, UserAdminService.Role.OWNER);
    }

    @ApiMethod(value = "admin.users.setAdmin", access = Access.OWNERS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult setAdmin(ApiRequest request) {
        return setRole(request, UserAdminService.Role.ADMIN);
    }

    @ApiMethod(value = "admin.users.setRegular", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult setRegular(ApiRequest request) {
        return setRole(request, UserAdminService.Role.REGULAR);
    }

    private ApiResult setActive(ApiRequest request, boolean active) {
        admin.setActive(request.requireCaller(), request.string("team_id").orElse(null), request.require("user_id"), active,
                request.client());
        return ApiResult.ok();
    }

    private ApiResult setRole(ApiRequest request, UserAdminService.Role role) {
        admin.setRole(request.requireCaller(), request.string("team_id").orElse(null), request.require("user_id"), role,
                request.client());
        return ApiResult.ok();
    }
}
