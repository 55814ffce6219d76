package dev.parley.workspace.identity;

import dev.parley.common.api.ApiResult;
import dev.parley.common.auth.MemberRole;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answers of methods that create an account or sign in, the same wherever that happens. */
public final class AccountViews {

    private AccountViews() {
    }

    /** The short user object of answers that create an account. */
    public static Map<String, Object> user(User u) {
        MemberRole role = MemberRole.of(u.role());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", u.id());
        user.put("team_id", u.workspaceId());
        user.put("name", u.name());
        user.put("real_name", u.realName());
        user.put("deleted", u.deleted());
        user.put("is_admin", role.isAdmin());
        user.put("is_owner", role == MemberRole.OWNER);
        user.put("is_restricted", role.isGuest());
        user.put("is_ultra_restricted", role == MemberRole.SINGLE_CHANNEL_GUEST);
        user.put("is_bot", false);
        user.put("profile", Map.of("email", u.email(), "real_name", u.realName(), "display_name", ""));
        return user;
    }

    /** The answer of every way of signing in: {@code auth.signin}, and accepting an invitation. */
    public static ApiResult signedIn(User user, SessionService.Session session) {
        return ApiResult.of("token", session.access().token())
                .with("expires_in", session.access().expiresInSeconds())
                .with("refresh_token", session.refreshToken())
                .with("user_id", user.id())
                .with("team_id", user.workspaceId());
    }
}
