package dev.parley.workspace.bot;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.auth.OpaqueTokens;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenRevocations;
import dev.parley.common.event.UserEvents;
import dev.parley.common.id.Ids;
import dev.parley.workspace.audit.AuditEntity;
import dev.parley.workspace.audit.AuditLog;
import dev.parley.workspace.identity.User;
import dev.parley.workspace.identity.UserRepository;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Installing and uninstalling bots: an install makes the bot's user and one opaque token (kept only as its hash) with
 * the scopes asked for; an uninstall revokes its tokens everywhere at once and deactivates its user (its webhooks
 * stop with it: they post only for an installed bot).
 */
@Service
public class BotService {

    /** A fresh install: the bot and its token, which is shown this once and never stored. */
    public record Installed(Bot bot, String token) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BotRepository bots;
    private final UserRepository users;
    private final TransactionTemplate tx;
    private final TokenRevocations revocations;
    private final UserEvents userEvents;

    private final AuditLog audit;

    BotService(BotRepository bots, UserRepository users, TransactionTemplate tx, TokenRevocations revocations,
               UserEvents userEvents, AuditLog audit) {
        this.audit = audit;
        this.bots = bots;
        this.users = users;
        this.tx = tx;
        this.revocations = revocations;
        this.userEvents = userEvents;
    }

    public Installed install(Caller admin, String rawName, String realName, String rawScopes) {
        String name = rawName == null ? "" : rawName.trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new SlackApiException("invalid_name");
        }
        String shownName = realName == null || realName.isBlank() ? name : realName.trim();
        if (shownName.length() > 255) {
            throw new SlackApiException("invalid_name");
        }
        Set<String> scopes = scopes(rawScopes);
        long now = System.currentTimeMillis() / 1000;
        String userId = Ids.user();
        Bot bot = new Bot(admin.workspaceId(), Ids.bot(), Ids.app(), userId, name, scopes, admin.userId(), now, now, false);
        String token = OpaqueTokens.BOT_PREFIX + admin.workspaceId() + "-" + bot.id() + "-" + random(32);
        tx.executeWithoutResult(status -> {
            users.insert(new User(admin.workspaceId(), userId, "", name, shownName, "", MemberRole.MEMBER.id(), false,
                    now, true));
            bots.insert(bot);
            bots.insertToken(OpaqueTokens.hash(token), UUID.randomUUID().toString(), bot, now);
        });
        audit("app_installed", admin, bot);
        return new Installed(bot, token);
    }

    /**
     * Uninstalls the bot named by its app ({@code A…}) or bot ({@code B…}) id. Its tokens are refused everywhere from
     * now on ({@code token_revoked}), its sockets close, its webhooks stop, and its user shows as deleted.
     */
    public Bot uninstall(Caller admin, String appOrBotId) {
        Bot bot = find(admin.workspaceId(), appOrBotId).filter(b -> !b.deleted())
                .orElseThrow(() -> new SlackApiException("app_not_found"));
        long now = System.currentTimeMillis() / 1000;
        List<String> tokenIds = tx.execute(status -> {
            if (!bots.markDeleted(bot.workspaceId(), bot.id(), now)) {
                throw new SlackApiException("app_not_found");
            }
            users.markDeleted(bot.workspaceId(), bot.userId());
            return bots.revokeTokens(bot.workspaceId(), bot.id(), now);
        });
        // After the commit: the broadcasts are remote calls, and nobody may see them before the store agrees.
        tokenIds.forEach(revocations::revokeToken);
        userEvents.revoke(bot.workspaceId(), bot.userId());
        audit("app_uninstalled", admin, bot);
        return bot;
    }

    /** The bot by app ({@code A…}) or bot ({@code B…}) id, installed or not. */
    public Optional<Bot> find(String workspaceId, String appOrBotId) {
        if (appOrBotId == null || appOrBotId.length() > 24) {
            return Optional.empty();
        }
        return appOrBotId.startsWith("A") ? bots.findByApp(workspaceId, appOrBotId) : bots.find(workspaceId, appOrBotId);
    }

    /** The bot whose user this is, when the user is a bot. */
    public Optional<Bot> ofUser(String workspaceId, String userId) {
        return bots.findByUser(workspaceId, userId);
    }

    public List<Bot> installed(String workspaceId) {
        return bots.installed(workspaceId);
    }

    /** The one place installs and uninstalls are recorded: the workspace's audit log (Slack's action names). */
    private void audit(String action, Caller actor, Bot bot) {
        audit.record(bot.workspaceId(), action, actor.userId(),
                AuditEntity.app(bot.appId(), bot.name(), bot.scopes().stream().sorted().toList()), ApiRequest.Client.UNKNOWN,
                java.util.Map.of("bot_id", bot.id(), "bot_user_id", bot.userId()));
    }

    /** Slack's scope list (comma or space separated); a scope no bot may hold is {@code invalid_scope}. */
    static Set<String> scopes(String raw) {
        Set<String> scopes = new LinkedHashSet<>();
        if (raw == null) {
            return scopes;
        }
        for (String scope : Arrays.stream(raw.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!Scopes.GRANTABLE.contains(scope)) {
                throw new SlackApiException("invalid_scope");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /** A random base62 string: the secret part of tokens and webhook URLs. */
    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
