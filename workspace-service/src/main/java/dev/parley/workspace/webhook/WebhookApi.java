package dev.parley.workspace.webhook;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Scopes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Web API of incoming webhooks ({@code apps.webhooks.create}, {@code list}, {@code revoke}): for admins (any installed
 * bot) and for bots holding {@code incoming-webhook} (their own). Slack hands webhooks out only through OAuth installs;
 * these methods are Parley's own.
 */
@WebApi
class WebhookApi {

    private final WebhookService webhooks;

    WebhookApi(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @ApiMethod(value = "apps.webhooks.create", scopes = Scopes.INCOMING_WEBHOOK, tier = Tier.TIER_2)
    ApiResult create(ApiRequest request) {
        WebhookService.Created created = webhooks.create(request.requireCaller(),
                request.require("channel", "channel_not_found"), request.string("bot_id").orElse(null));
        Map<String, Object> view = view(created.webhook());
        view.put("app_id", created.bot().appId());
        view.put("url", created.url());
        return ApiResult.of("incoming_webhook", view);
    }

    @ApiMethod(value = "apps.webhooks.list", scopes = Scopes.INCOMING_WEBHOOK, tier = Tier.TIER_2)
    ApiResult list(ApiRequest request) {
        return ApiResult.of("webhooks", webhooks.list(request.requireCaller()).stream().map(WebhookApi::view).toList());
    }

    @ApiMethod(value = "apps.webhooks.revoke", scopes = Scopes.INCOMING_WEBHOOK, tier = Tier.TIER_2)
    ApiResult revoke(ApiRequest request) {
        webhooks.revoke(request.requireCaller(), request.require("webhook", "webhook_not_found"));
        return ApiResult.ok();
    }

    private static Map<String, Object> view(Webhook webhook) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", webhook.id());
        view.put("channel_id", webhook.channelId());
        view.put("bot_id", webhook.botId());
        view.put("created_by", webhook.createdBy());
        view.put("date_created", webhook.createdAt());
        return view;
    }
}
