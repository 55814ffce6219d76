package dev.parley.workspace.bot;

import dev.parley.common.auth.OpaqueTokens;
import org.springframework.stereotype.Component;

/** The token store behind every verifier: in this process directly, in others through the workspace client. */
@Component
class BotTokens implements OpaqueTokens {

    private final BotRepository bots;

    BotTokens(BotRepository bots) {
        this.bots = bots;
    }

    @Override
    public Grant find(String tokenHash) {
        if (tokenHash == null || tokenHash.length() != 64) {
            return Grant.UNKNOWN;
        }
        return bots.grant(tokenHash).orElse(Grant.UNKNOWN);
    }
}
