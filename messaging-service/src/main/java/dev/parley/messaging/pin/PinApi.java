package dev.parley.messaging.pin;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.auth.Scopes;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ts;
import dev.parley.messaging.message.Message;
import dev.parley.messaging.message.MessageService;
import dev.parley.messaging.message.MessageViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Web API of pins: {@code pins.add}, {@code remove}, {@code list}. */
@WebApi
class PinApi {

    private final PinService pinService;
    private final PinRepository pins;
    private final MessageService messages;
    private final MessageViews views;

    PinApi(PinService pinService, PinRepository pins, MessageService messages, MessageViews views) {
        this.pinService = pinService;
        this.pins = pins;
        this.messages = messages;
        this.views = views;
    }

    @ApiMethod(value = "pins.add", scopes = Scopes.PINS_WRITE, tier = Tier.TIER_2)
    ApiResult add(ApiRequest request) {
        pinService.add(request.requireCaller(), request.require("channel", "channel_not_found"),
                request.require("timestamp", "no_item_specified"));
        return ApiResult.ok();
    }

    @ApiMethod(value = "pins.remove", scopes = Scopes.PINS_WRITE, tier = Tier.TIER_2)
    ApiResult remove(ApiRequest request) {
        pinService.remove(request.requireCaller(), request.require("channel", "channel_not_found"),
                request.require("timestamp", "no_item_specified"));
        return ApiResult.ok();
    }

    @ApiMethod(value = "pins.list", scopes = Scopes.PINS_READ, tier = Tier.TIER_2)
    ApiResult list(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        messages.readable(caller, channel);
        List<Map<String, Object>> items = pins.list(caller.workspaceId(), channel).stream()
                .flatMap(pin -> find(caller, channel, pin.ts()).map(m -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("type", "message");
                    item.put("channel", channel);
                    item.put("message", views.one(m));
                    item.put("created", pin.pinnedAt());
                    item.put("created_by", pin.pinnedBy());
                    return item;
                }).stream())
                .toList();
        return ApiResult.of("items", items);
    }

    private Optional<Message> find(Caller caller, String channel, long ts) {
        try {
            return Optional.of(messages.find(caller, channel, Ts.format(ts)));
        } catch (dev.parley.common.api.SlackApiException gone) {
            return Optional.empty();
        }
    }
}
