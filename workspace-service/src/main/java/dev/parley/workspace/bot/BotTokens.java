package dev.parley.workspace.bot;

import dev.parley.common.auth.OpaqueTokens;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The token store behind every verifier: in this process directly, in others through the workspace client. A grant
 * names its bot ({@code bot_profile}), so the caller it makes posts as the bot without asking again.
 */
@Component
class BotTokens implements OpaqueTokens {

    private final BotRepository bots;
    private final String publicUrl;

    BotTokens(BotRepository bots, Environment env) {
        this.bots = bots;
        this.publicUrl = env.getProperty("parley.public-url", "http://localhost:8080/");
    }

    @Override
    public Grant find(String tokenHash) {
        if (tokenHash == null || tokenHash.length() != 64) {
            return Grant.UNKNOWN;
        }
        Grant grant = bots.grant(tokenHash).orElse(Grant.UNKNOWN);
        if (!grant.valid()) {
            return grant;
        }
        return bots.findByUser(grant.workspaceId(), grant.userId()).map(bot -> grant.withBot(bot.profile(publicUrl)))
                .orElse(grant);
    }
}
