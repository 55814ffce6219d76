package dev.parley.workspace.profile;

import dev.parley.common.auth.MemberRole;
import dev.parley.common.avatar.DefaultAvatars;
import dev.parley.presence.client.PresenceClient;
import dev.parley.workspace.bot.Bot;
import dev.parley.workspace.identity.User;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Slack's user object and its {@code profile}, built from the account, its profile fields and its custom status. */
@Component
public class UserObjects {

    private static final ZoneId UTC = ZoneId.of("UTC");
    static final List<Integer> IMAGE_SIZES = List.of(24, 32, 48, 72, 192, 512);

    private final String publicUrl;

    UserObjects(Environment env) {
        this.publicUrl = env.getProperty("parley.public-url", "http://localhost:8080/");
    }

    /**
     * The whole user object; the email only for callers allowed to read it ({@code users:read.email}); a bot's
     * ({@code bot} non-null) names its bot and app in the profile.
     */
    public Map<String, Object> user(User u, Profile p, PresenceClient.Status status, boolean withEmail, Bot bot) {
        MemberRole role = MemberRole.of(u.role());
        ZoneId zone = zone(p);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", u.id());
        user.put("team_id", u.workspaceId());
        user.put("name", u.name());
        user.put("deleted", u.deleted());
        user.put("color", String.format("%06x", Math.floorMod(u.id().hashCode(), 0x1000000)));
        user.put("real_name", u.realName());
        user.put("tz", zone.getId());
        user.put("tz_label", tzLabel(zone));
        user.put("tz_offset", zone.getRules().getOffset(Instant.now()).getTotalSeconds());
        Map<String, Object> profile = profile(u, p, status, withEmail && !u.bot());
        if (bot != null) {
            profile.put("bot_id", bot.id());
            profile.put("api_app_id", bot.appId());
            profile.put("always_active", true);
        }
        user.put("profile", profile);
        user.put("is_admin", role.isAdmin());
        user.put("is_owner", role == MemberRole.OWNER);
        user.put("is_primary_owner", role == MemberRole.OWNER);
        user.put("is_restricted", role.isGuest());
        user.put("is_ultra_restricted", role == MemberRole.SINGLE_CHANNEL_GUEST);
        user.put("is_bot", u.bot());
        user.put("is_app_user", false);
        user.put("updated", Math.max(u.createdAt(), p.updatedAt()));
        return user;
    }

    /** The {@code profile} part, as {@code users.profile.get} answers it. */
    public Map<String, Object> profile(User u, Profile p, PresenceClient.Status status, boolean withEmail) {
        PresenceClient.Status s = status == null ? PresenceClient.Status.NONE : status;
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("title", p.title());
        profile.put("phone", p.phone());
        profile.put("skype", "");
        profile.put("real_name", u.realName());
        profile.put("real_name_normalized", u.realName());
        profile.put("display_name", p.displayName());
        profile.put("display_name_normalized", p.displayName());
        profile.put("fields", Map.of());
        profile.put("status_text", s.text());
        profile.put("status_emoji", s.emoji());
        profile.put("status_expiration", s.expiration());
        profile.put("avatar_hash", "g" + String.format("%011x", Math.floorMod((long) u.id().hashCode(), 0xFFFFFFFFFFL)));
        if (withEmail) {
            profile.put("email", u.email());
        }
        String shown = p.displayName().isEmpty() ? u.realName() : p.displayName();
        for (int size : IMAGE_SIZES) {
            profile.put("image_" + size, DefaultAvatars.url(publicUrl, shown, u.id(), size));
        }
        profile.put("is_custom_image", false);
        String[] names = u.realName().trim().split("\\s+", 2);
        profile.put("first_name", names[0]);
        profile.put("last_name", names.length > 1 ? names[1] : "");
        profile.put("team", u.workspaceId());
        return profile;
    }

    static ZoneId zone(Profile p) {
        if (p.tz().isEmpty()) {
            return UTC;
        }
        try {
            return ZoneId.of(p.tz());
        } catch (RuntimeException e) {
            return UTC;
        }
    }

    private static String tzLabel(ZoneId zone) {
        boolean daylight = zone.getRules().isDaylightSavings(Instant.now());
        return TimeZone.getTimeZone(zone).getDisplayName(daylight, TimeZone.LONG, Locale.US);
    }
}
