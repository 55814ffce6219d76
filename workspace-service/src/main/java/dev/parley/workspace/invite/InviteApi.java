package dev.parley.workspace.invite;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Access;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.Cursors;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.auth.TokenKind;
import dev.parley.workspace.identity.AccountViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Web API of new people: {@code admin.users.create} (an account made by an admin), {@code admin.users.invite},
 * {@code admin.invites.list} and {@code admin.invites.revoke} (admins), and {@code auth.acceptInvite} (no token: the
 * invitation's token is the credential).
 */
@WebApi
class InviteApi {

    private final Accounts accounts;
    private final InvitationService invitations;

    InviteApi(Accounts accounts, InvitationService invitations) {
        this.accounts = accounts;
        this.invitations = invitations;
    }

    /**
     * Makes an account: {@code email}, {@code password}, {@code name}, {@code real_name}, {@code role} (member, admin,
     * guest, single_channel_guest) or Slack's {@code is_restricted}/{@code is_ultra_restricted}, and
     * {@code channel_ids} to join (a guest may also be invited into channels later).
     */
    @ApiMethod(value = "admin.users.create", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult createUser(ApiRequest request) {
        Caller caller = request.requireCaller();
        MemberRole role = Accounts.role(request.string("role").orElse(null), request.bool("is_restricted"),
                request.bool("is_ultra_restricted"));
        String email = request.require("email", "invalid_email");
        String password = request.require("password", "invalid_password");
        List<String> channels = accounts.checkChannels(caller.workspaceId(), caller.userId(), role,
                Accounts.channelIds(request.string("channel_ids").orElse(null)), false, "channel_not_found");
        Accounts.Made made = accounts.create(caller.workspaceId(), caller.userId(),
                new Accounts.NewAccount(email, password, request.string("name").orElse(null),
                        request.string("real_name").orElse(null), role, channels),
                request.client(), user -> { });
        return ApiResult.of("user", AccountViews.user(made.user())).with("channel_ids", made.channelIds());
    }

    @ApiMethod(value = "admin.users.invite", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult invite(ApiRequest request) {
        Caller caller = request.requireCaller();
        MemberRole role = Accounts.role(null, request.bool("is_restricted"), request.bool("is_ultra_restricted"));
        InvitationService.Sent sent = invitations.invite(caller, request.require("email", "invalid_email"),
                request.string("real_name").orElse(null), role,
                Accounts.channelIds(request.string("channel_ids").orElse(null)), request.bool("resend"),
                request.client());
        Map<String, Object> invite = view(sent.invitation());
        invite.put("url", sent.url());
        invite.put("email_sent", sent.mailed());
        return ApiResult.of("invite", invite);
    }

    @ApiMethod(value = "admin.invites.list", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult list(ApiRequest request) {
        Caller caller = request.requireCaller();
        int limit = request.limit(100, 1000);
        String after = request.string("cursor").map(c -> Cursors.decode(c, "next_invite")).orElse("");
        List<Invitation> page = invitations.pending(caller.workspaceId(), after, limit + 1);
        boolean more = page.size() > limit;
        List<Invitation> shown = more ? page.subList(0, limit) : page;
        return ApiResult.of("invites", shown.stream().map(InviteApi::view).toList())
                .nextCursor(more ? Cursors.encode("next_invite", shown.getLast().id()) : "");
    }

    @ApiMethod(value = "admin.invites.revoke", access = Access.ADMINS, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult revoke(ApiRequest request) {
        Caller caller = request.requireCaller();
        Invitation revoked = invitations.revoke(caller, request.require("invite_id", "invite_not_found"),
                request.client());
        return ApiResult.of("invite", view(revoked));
    }

    /** Accepts an invitation with its {@code invite_token} (the last part of its link; {@code token} is the API token argument), choosing a {@code password} (and {@code name}, {@code real_name}). */
    @ApiMethod(value = "auth.acceptInvite", authenticated = false, tier = Tier.TIER_2)
    ApiResult accept(ApiRequest request) {
        InvitationService.Accepted accepted = invitations.accept(request.require("invite_token", "invalid_invite"),
                request.require("password", "invalid_password"), request.string("name").orElse(null),
                request.string("real_name").orElse(null), request.client());
        return AccountViews.signedIn(accepted.user(), accepted.session())
                .with("user", AccountViews.user(accepted.user()))
                .with("channel_ids", accepted.channelIds());
    }

    static Map<String, Object> view(Invitation i) {
        MemberRole role = MemberRole.of(i.role());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", i.id());
        v.put("email", i.email());
        v.put("real_name", i.realName());
        v.put("role", i.role());
        v.put("is_restricted", role.isGuest());
        v.put("is_ultra_restricted", role == MemberRole.SINGLE_CHANNEL_GUEST);
        v.put("channel_ids", i.channelIds());
        v.put("invited_by", i.invitedBy());
        v.put("date_create", i.createdAt());
        v.put("date_resent", i.sentAt());
        v.put("date_expire", i.expiresAt());
        v.put("state", i.state());
        return v;
    }
}
