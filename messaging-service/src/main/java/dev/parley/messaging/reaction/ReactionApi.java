package dev.parley.messaging.reaction;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.auth.Scopes;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.Cursors;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.messaging.message.Message;
import dev.parley.messaging.message.MessageService;
import dev.parley.messaging.message.MessageViews;
import java.util.Map;

/** Web API of reactions: {@code reactions.add}, {@code remove}, {@code get}, {@code list}. */
@WebApi
class ReactionApi {

    private final ReactionService reactions;
    private final MessageService messages;
    private final MessageViews views;

    ReactionApi(ReactionService reactions, MessageService messages, MessageViews views) {
        this.reactions = reactions;
        this.messages = messages;
        this.views = views;
    }

    @ApiMethod(value = "reactions.add", scopes = Scopes.REACTIONS_WRITE, tier = Tier.TIER_3)
    ApiResult add(ApiRequest request) {
        reactions.add(request.requireCaller(), request.require("channel", "channel_not_found"),
                request.require("timestamp", "message_not_found"), request.require("name", "invalid_name"));
        return ApiResult.ok();
    }

    @ApiMethod(value = "reactions.remove", scopes = Scopes.REACTIONS_WRITE, tier = Tier.TIER_2)
    ApiResult remove(ApiRequest request) {
        reactions.remove(request.requireCaller(), request.require("channel", "channel_not_found"),
                request.require("timestamp", "message_not_found"), request.require("name", "invalid_name"));
        return ApiResult.ok();
    }

    @ApiMethod(value = "reactions.get", scopes = Scopes.REACTIONS_READ, tier = Tier.TIER_3)
    ApiResult get(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        Message message = messages.find(caller, channel, request.require("timestamp", "message_not_found"));
        return ApiResult.of("type", "message")
                .with("channel", channel)
                .with("message", views.one(message));
    }

    @ApiMethod(value = "reactions.list", scopes = Scopes.REACTIONS_READ, tier = Tier.TIER_2)
    ApiResult list(ApiRequest request) {
        Caller caller = request.requireCaller();
        String user = request.string("user").orElse(caller.userId());
        int limit = request.limit(100, MessageService.MAX_PAGE);
        long before = request.string("cursor").map(c -> Cursors.decodeLong(c, "next_at")).orElse(Long.MAX_VALUE);
        ReactionService.Listed page = reactions.list(caller, user, before, limit);
        return ApiResult.of("items", page.messages().stream()
                        .map(m -> Map.<String, Object>of("type", "message", "channel", m.channelId(), "message", views.one(m)))
                        .toList())
                .nextCursor(page.nextAt() == null ? "" : Cursors.encode("next_at", page.nextAt()));
    }
}
