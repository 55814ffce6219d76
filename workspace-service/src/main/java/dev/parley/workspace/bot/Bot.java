package dev.parley.workspace.bot;

import dev.parley.common.auth.BotProfile;
import java.util.Set;

/**
 * An installed app's bot: its own user ({@code userId}, Slack's {@code bot_user_id}), the app it belongs to and the
 * scopes its tokens carry. Uninstalling marks it deleted; its tokens and webhooks stop working with it.
 */
public record Bot(String workspaceId, String id, String appId, String userId, String name, Set<String> scopes,
                  String installedBy, long createdAt, long updatedAt, boolean deleted) {

    public Bot {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    /** How the bot's messages show it ({@code bot_profile}), with icons served at {@code publicUrl}. */
    public BotProfile profile(String publicUrl) {
        return BotProfile.of(publicUrl, workspaceId, id, appId, name, updatedAt);
    }
}
