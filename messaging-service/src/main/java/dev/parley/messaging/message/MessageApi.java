package dev.parley.messaging.message;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.auth.Scopes;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.Cursors;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ts;
import dev.parley.messaging.pin.PinRepository;
import org.springframework.core.env.Environment;

/**
 * Web API of messages: {@code chat.*} and the channel timeline ({@code conversations.history}) and threads
 * ({@code conversations.replies}).
 */
@WebApi
class MessageApi {

    private final MessageService messages;
    private final MessageViews views;
    private final PinRepository pins;
    private final String publicUrl;

    MessageApi(MessageService messages, MessageViews views, PinRepository pins, Environment env) {
        this.messages = messages;
        this.views = views;
        this.pins = pins;
        String url = env.getProperty("parley.public-url", "http://localhost:8080/");
        this.publicUrl = url.endsWith("/") ? url : url + "/";
    }

    @ApiMethod(value = "chat.postMessage", scopes = Scopes.CHAT_WRITE, tier = Tier.POST_MESSAGE)
    ApiResult postMessage(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        Message message = messages.post(caller, channel, new MessageService.Draft(
                request.string("text").orElse(null), request.string("blocks").orElse(null),
                request.string("attachments").orElse(null), request.string("thread_ts").orElse(null),
                request.bool("reply_broadcast"), request.string("client_msg_id").orElse(null)));
        return ApiResult.of("channel", channel)
                .with("ts", Ts.format(message.ts()))
                .with("message", MessageViews.plain(message));
    }

    @ApiMethod(value = "chat.postEphemeral", scopes = Scopes.CHAT_WRITE, tier = Tier.TIER_4)
    ApiResult postEphemeral(ApiRequest request) {
        Caller caller = request.requireCaller();
        String ts = messages.postEphemeral(caller, request.require("channel", "channel_not_found"),
                request.require("user", "user_not_in_channel"), request.string("text").orElse(null),
                request.string("blocks").orElse(null), request.string("attachments").orElse(null),
                request.string("thread_ts").orElse(null));
        return ApiResult.of("message_ts", ts);
    }

    @ApiMethod(value = "chat.update", scopes = Scopes.CHAT_WRITE, tier = Tier.TIER_3)
    ApiResult update(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        Message message = messages.update(caller, channel, request.require("ts", "message_not_found"),
                request.string("text").orElse(null), request.string("blocks").orElse(null),
                request.string("attachments").orElse(null));
        return ApiResult.of("channel", channel)
                .with("ts", Ts.format(message.ts()))
                .with("text", message.text())
                .with("message", MessageViews.plain(message));
    }

    @ApiMethod(value = "chat.delete", scopes = Scopes.CHAT_WRITE, tier = Tier.TIER_3)
    ApiResult delete(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        String ts = request.require("ts", "message_not_found");
        messages.delete(caller, channel, ts);
        return ApiResult.of("channel", channel).with("ts", ts);
    }

    @ApiMethod(value = "chat.getPermalink", tier = Tier.TIER_4)
    ApiResult permalink(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        Message message = messages.find(caller, channel, request.require("message_ts", "message_not_found"));
        String p = "p" + message.ts();
        String link = publicUrl + "archives/" + channel + "/" + p;
        if (message.isReply()) {
            link += "?thread_ts=" + Ts.format(message.threadTs()) + "&cid=" + channel;
        }
        return ApiResult.of("channel", channel).with("permalink", link);
    }

    @ApiMethod(value = "conversations.history",
            scopes = {Scopes.CHANNELS_HISTORY, Scopes.GROUPS_HISTORY, Scopes.IM_HISTORY, Scopes.MPIM_HISTORY}, tier = Tier.TIER_3)
    ApiResult history(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        Bounds bounds = Bounds.of(request);
        MessageService.Page page = messages.history(caller, channel, bounds.low(),
                request.string("cursor").map(c -> Cursors.decodeLong(c, "next_ts") - 1).orElse(bounds.high()),
                request.limit(100, MessageService.MAX_PAGE));
        return ApiResult.of("messages", views.page(page.messages()))
                .with("has_more", page.hasMore())
                .with("pin_count", pins.count(caller.workspaceId(), channel))
                .nextCursor(page.next() == null ? "" : Cursors.encode("next_ts", page.next()));
    }

    @ApiMethod(value = "conversations.replies",
            scopes = {Scopes.CHANNELS_HISTORY, Scopes.GROUPS_HISTORY, Scopes.IM_HISTORY, Scopes.MPIM_HISTORY}, tier = Tier.TIER_3)
    ApiResult replies(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        Bounds bounds = Bounds.of(request);
        MessageService.Page page = messages.replies(caller, channel, request.require("ts", "thread_not_found"),
                request.string("cursor").map(c -> Cursors.decodeLong(c, "next_ts") + 1).orElse(bounds.low()),
                bounds.high(), request.limit(MessageService.MAX_PAGE, MessageService.MAX_PAGE));
        return ApiResult.of("messages", views.page(page.messages()))
                .with("has_more", page.hasMore())
                .nextCursor(page.next() == null ? "" : Cursors.encode("next_ts", page.next()));
    }

    /** Slack's {@code oldest}/{@code latest}/{@code inclusive} as inclusive micro bounds. */
    record Bounds(long low, long high) {
        static Bounds of(ApiRequest request) {
            long oldest = request.string("oldest")
                    .map(v -> Ts.parse(v).orElseThrow(() -> new SlackApiException("invalid_ts_oldest"))).orElse(0L);
            long latest = request.string("latest")
                    .map(v -> Ts.parse(v).orElseThrow(() -> new SlackApiException("invalid_ts_latest")))
                    .orElse(Long.MAX_VALUE);
            boolean inclusive = request.bool("inclusive");
            return new Bounds(inclusive || oldest == 0 ? oldest : oldest + 1,
                    inclusive || latest == Long.MAX_VALUE ? latest : latest - 1);
        }
    }
}
