package dev.parley.workspace.webhook;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.OpaqueTokens;
import dev.parley.common.auth.Scopes;
import dev.parley.common.id.Ids;
import dev.parley.common.ratelimit.Decision;
import dev.parley.common.ratelimit.RateLimitProperties;
import dev.parley.common.ratelimit.RateLimiter;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.workspace.bot.Bot;
import dev.parley.workspace.bot.BotService;
import dev.parley.workspace.identity.IdentityService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Incoming webhooks: created for one channel and one installed bot (which must be in that channel), listed and
 * revoked; a post to the secret URL becomes a message of that bot, answered with Slack's plain-text status.
 */
@Service
public class WebhookService {

    /** A new webhook and its URL, which is shown this once: only the secret's hash is kept. */
    public record Created(Webhook webhook, Bot bot, String url) {
    }

    /** What a post to a webhook carries: JSON arrays as text for blocks and attachments. */
    public record Payload(String text, String blocks, String attachments, String threadTs) {
    }

    /**
     * The answer to a webhook post: HTTP status and Slack's plain-text body ({@code ok} or the error), and for a post
     * over the webhook's rate limit the seconds to wait ({@code Retry-After}; 0 otherwise).
     */
    public record Delivery(int status, String body, long retryAfterSeconds) {

        static final Delivery OK = new Delivery(200, "ok");

        public Delivery(int status, String body) {
            this(status, body, 0);
        }

        static Delivery refused(int status, String error) {
            return new Delivery(status, error);
        }
    }

    static final int SECRET_LENGTH = 24;
    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

    // How a refused post is told, by the messaging service's Slack error: Slack's webhook errors and statuses.
    private static final Map<String, Delivery> REFUSALS = Map.ofEntries(
            Map.entry("channel_not_found", Delivery.refused(404, "channel_not_found")),
            Map.entry("is_archived", Delivery.refused(410, "channel_is_archived")),
            Map.entry("not_in_channel", Delivery.refused(403, "action_prohibited")),
            Map.entry("restricted_action", Delivery.refused(403, "action_prohibited")),
            Map.entry("no_text", Delivery.refused(400, "no_text")),
            Map.entry("user_not_found", Delivery.refused(400, "user_not_found")));

    private final WebhookRepository webhooks;
    private final BotService bots;
    private final IdentityService identity;
    private final ObjectProvider<ChannelClient> channels;
    private final ObjectProvider<MessagingClient> messaging;
    private final String publicUrl;
    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    WebhookService(WebhookRepository webhooks, BotService bots, IdentityService identity,
                   ObjectProvider<ChannelClient> channels, ObjectProvider<MessagingClient> messaging, Environment env,
                   RateLimiter limiter, RateLimitProperties limits) {
        this.limiter = limiter;
        this.limits = limits;
        this.webhooks = webhooks;
        this.bots = bots;
        this.identity = identity;
        this.channels = channels;
        this.messaging = messaging;
        String url = env.getProperty("parley.public-url", "http://localhost:8080/");
        this.publicUrl = url.endsWith("/") ? url : url + "/";
    }

    /**
     * A webhook for the channel: a bot makes one for itself, an admin for any installed bot ({@code botId}, which
     * must hold {@code incoming-webhook}). Either way the bot must already be in the channel.
     */
    public Created create(Caller caller, String channelId, String botId) {
        Bot bot;
        if (caller.isBot()) {
            bot = bots.find(caller.workspaceId(), ownBotId(caller)).orElseThrow();
        } else {
            caller.requireAdmin();
            bot = bots.find(caller.workspaceId(), Optional.ofNullable(botId)
                            .orElseThrow(() -> new SlackApiException("invalid_arguments")))
                    .filter(b -> !b.deleted())
                    .orElseThrow(() -> new SlackApiException("bot_not_found"));
            if (!bot.scopes().contains(Scopes.INCOMING_WEBHOOK)) {
                throw new SlackApiException("missing_scope", Map.of("needed", Scopes.INCOMING_WEBHOOK,
                        "provided", Scopes.join(bot.scopes())));
            }
            access(caller.workspaceId(), channelId, caller.userId()).requireReadable();
        }
        ChannelAccess access = access(caller.workspaceId(), channelId, bot.userId()).requireReadable();
        if (access.archived()) {
            throw new SlackApiException("is_archived");
        }
        if (!access.member()) {
            throw new SlackApiException("not_in_channel");
        }
        String secret = BotService.random(SECRET_LENGTH);
        Webhook webhook = new Webhook(caller.workspaceId(), Ids.webhook(), bot.id(), channelId, caller.userId(),
                System.currentTimeMillis() / 1000, false);
        webhooks.insert(webhook, OpaqueTokens.hash(secret));
        return new Created(webhook, bot, publicUrl + "hooks/" + webhook.workspaceId() + "/" + bot.id() + "/" + secret);
    }

    /** The live webhooks the caller may see: all of an installed bot's for an admin, its own for a bot. */
    public List<Webhook> list(Caller caller) {
        String only = ownBotId(caller);
        return webhooks.live(caller.workspaceId(), only).stream()
                .filter(w -> bots.find(w.workspaceId(), w.botId()).filter(b -> !b.deleted()).isPresent())
                .toList();
    }

    /** Revokes a webhook: an admin any of the workspace's, a bot its own. */
    public void revoke(Caller caller, String webhookId) {
        String only = ownBotId(caller);
        Optional<Webhook> webhook = webhookId == null || webhookId.length() > 24 ? Optional.empty()
                : webhooks.find(caller.workspaceId(), webhookId);
        if (webhook.filter(w -> only == null || w.botId().equals(only)).isEmpty()
                || !webhooks.revoke(caller.workspaceId(), webhookId)) {
            throw new SlackApiException("webhook_not_found");
        }
    }

    /** For a bot, its own bot id; for a person, null once they proved to be an admin. */
    private String ownBotId(Caller caller) {
        if (!caller.isBot()) {
            caller.requireAdmin();
            return null;
        }
        return bots.ofUser(caller.workspaceId(), caller.userId()).filter(b -> !b.deleted())
                .orElseThrow(() -> new SlackApiException("invalid_auth")).id();
    }

    /** A post to {@code /hooks/<team>/<bot>/<secret>}, answered as Slack answers it. */
    public Delivery deliver(String teamId, String botId, String secret, Payload payload) {
        if (!Ids.looksLike(teamId, 'T')) {
            return Delivery.refused(404, "no_team");
        }
        try {
            identity.workspace(teamId);
        } catch (SlackApiException e) {
            return Delivery.refused(404, "no_team");
        }
        if (botId == null || botId.isEmpty()) {
            return Delivery.refused(400, "no_service_id");
        }
        if (secret == null || secret.isEmpty() || secret.length() > 64 || !Ids.looksLike(botId, 'B')) {
            return Delivery.refused(404, "no_service");
        }
        Optional<Webhook> webhook = webhooks.findBySecret(teamId, OpaqueTokens.hash(secret))
                .filter(w -> !w.revoked() && w.botId().equals(botId));
        Optional<Bot> bot = webhook.flatMap(w -> bots.find(teamId, w.botId())).filter(b -> !b.deleted());
        if (bot.isEmpty()) {
            return Delivery.refused(404, "no_service");
        }
        // Every post to a live webhook counts, a refused one too: Slack's limit is on what is sent to the URL.
        Decision decision = limiter.tryAcquire("hook:" + teamId + ":" + webhook.get().id(), limits.getWebhook().limit());
        if (!decision.allowed()) {
            return new Delivery(429, "rate_limited", decision.retryAfterSeconds());
        }
        if (payload == null) {
            return Delivery.refused(400, "invalid_payload");
        }
        if ((payload.text() == null || payload.text().isBlank()) && payload.blocks() == null && payload.attachments() == null) {
            return Delivery.refused(400, "no_text");
        }
        MessagingClient.PostResult result;
        try {
            result = messaging.getObject().postAsBot(new MessagingClient.BotPost(teamId, bot.get().userId(),
                    webhook.get().channelId(), payload.text(), payload.blocks(), payload.attachments(), payload.threadTs(),
                    bot.get().profile(publicUrl)));
        } catch (RuntimeException e) {
            log.warn("Posting through webhook {} failed: {}", webhook.get().id(), e.toString());
            return Delivery.refused(503, "service_unavailable");
        }
        if (result.ok()) {
            return Delivery.OK;
        }
        // Anything else wrong with what was sent (too long, blocks that are not an array, a bad thread) is the payload's.
        return REFUSALS.getOrDefault(result.error(), Delivery.refused(400, "invalid_payload"));
    }

    private ChannelAccess access(String workspaceId, String channelId, String userId) {
        if (channelId == null || channelId.isBlank() || channelId.length() > 24) {
            throw new SlackApiException("channel_not_found");
        }
        return channels.getObject().access(new ChannelClient.AccessQuery(workspaceId, channelId, userId,
                dev.parley.common.auth.MemberRole.MEMBER.id()));
    }
}
