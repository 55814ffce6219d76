package dev.parley.common.auth;

import dev.parley.common.avatar.DefaultAvatars;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bot behind a bot token or an incoming webhook as Slack's messages show it ({@code bot_id}, {@code app_id} and
 * {@code bot_profile}): known when the token is looked up or the webhook found, so posting needs no lookup of its own.
 */
public record BotProfile(String id, String appId, String name, Map<String, String> icons, long updated, String teamId) {

    /** The sizes of Slack's bot icons ({@code image_36}, {@code image_48}, {@code image_72}). */
    public static final int[] ICON_SIZES = {36, 48, 72};

    public BotProfile {
        icons = icons == null ? Map.of() : Map.copyOf(icons);
    }

    /** A bot's profile with its generated icons, served by every process at {@code publicUrl}. */
    public static BotProfile of(String publicUrl, String teamId, String botId, String appId, String name, long updated) {
        Map<String, String> icons = new LinkedHashMap<>();
        for (int size : ICON_SIZES) {
            icons.put("image_" + size, DefaultAvatars.url(publicUrl, name, botId, size));
        }
        return new BotProfile(botId, appId, name, icons, updated, teamId);
    }

    /** Slack's {@code bot_profile} object. */
    public Map<String, Object> toSlack() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("app_id", appId);
        view.put("name", name);
        view.put("icons", new TreeMap<>(icons));
        view.put("deleted", false);
        view.put("updated", updated);
        view.put("team_id", teamId);
        return view;
    }

    /** The profile from its {@link #toSlack()} form, as stored. */
    @SuppressWarnings("unchecked")
    public static BotProfile fromSlack(Map<String, Object> slack) {
        Object updated = slack.get("updated");
        return new BotProfile((String) slack.get("id"), (String) slack.get("app_id"), (String) slack.get("name"),
                (Map<String, String>) slack.get("icons"), updated instanceof Number n ? n.longValue() : 0,
                (String) slack.get("team_id"));
    }
}
