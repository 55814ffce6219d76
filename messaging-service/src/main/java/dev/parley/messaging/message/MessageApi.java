package dev.parley.messaging.message;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Web API of messages: {@code chat.postMessage} and {@code conversations.history}. */
@WebApi
class MessageApi {

    private static final String CURSOR_PREFIX = "next_ts:";

    private final MessageService messages;

    MessageApi(MessageService messages) {
        this.messages = messages;
    }

    @ApiMethod("chat.postMessage")
    ApiResult postMessage(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        Message message = messages.post(caller, channel, request.string("text").orElse(null),
                request.string("client_msg_id").orElse(null));
        return ApiResult.of("channel", channel)
                .with("ts", Ts.format(message.ts()))
                .with("message", message.view());
    }

    @ApiMethod("conversations.history")
    ApiResult history(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channel = request.require("channel", "channel_not_found");
        long oldest = request.string("oldest").map(v -> Ts.parse(v).orElseThrow(() -> new SlackApiException("invalid_ts_oldest")))
                .orElse(0L);
        long latest = request.string("latest").map(v -> Ts.parse(v).orElseThrow(() -> new SlackApiException("invalid_ts_latest")))
                .orElse(Long.MAX_VALUE);
        boolean inclusive = request.bool("inclusive");
        var cursor = request.string("cursor");
        if (cursor.isPresent()) {
            // The cursor continues strictly below the last message of the previous page.
            latest = decodeCursor(cursor.get());
            inclusive = false;
        }
        MessageService.Page page = messages.history(caller, channel, oldest, latest, inclusive, request.limit(100, 999));
        return ApiResult.of("messages", page.messages().stream().map(Message::view).toList())
                .with("has_more", page.hasMore())
                .with("pin_count", 0)
                .nextCursor(page.nextLatest() == null ? "" : encodeCursor(page.nextLatest()));
    }

    static String encodeCursor(long ts) {
        return Base64.getEncoder().encodeToString((CURSOR_PREFIX + ts).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(CURSOR_PREFIX)) {
                throw new SlackApiException("invalid_cursor");
            }
            return Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SlackApiException("invalid_cursor");
        }
    }
}
