package dev.parley.gateway.rtm;

import dev.parley.channel.client.ChannelClient;
import dev.parley.common.auth.Caller;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.client.MessagingClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /rtm} socket protocol: {@code hello} on connect, then client frames ({@code message}, {@code mark}, {@code ping}) each
 * answered with a {@code reply_to} frame, and live channel events pushed by the {@link ConnectionRegistry}.
 */
@Component
class RtmHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(RtmHandler.class);

    private final ConnectionRegistry registry;
    private final ChannelClient channels;
    private final MessagingClient messaging;
    private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

    RtmHandler(ConnectionRegistry registry, ChannelClient channels, MessagingClient messaging) {
        this.registry = registry;
        this.channels = channels;
        this.messaging = messaging;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Caller caller = (Caller) session.getAttributes().get(RtmHandshakeInterceptor.CALLER);
        Connection connection = new Connection(caller, session);
        connection.followAll(channels.memberChannels(new ChannelClient.MemberQuery(caller.workspaceId(), caller.userId()))
                .channelIds());
        bySession.put(session.getId(), connection);
        registry.register(connection);
        connection.send("{\"type\":\"hello\"}");
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = bySession.get(session.getId());
        if (connection == null) {
            return;
        }
        JsonNode frame;
        try {
            frame = SlackJson.tree(message.getPayload());
        } catch (RuntimeException e) {
            connection.send(SlackJson.write(Map.of("type", "error", "error", Map.of("code", 1, "msg", "invalid_json"))));
            return;
        }
        if (frame == null || !frame.isObject()) {
            connection.send(SlackJson.write(Map.of("type", "error", "error", Map.of("code", 1, "msg", "invalid_json"))));
            return;
        }
        JsonNode id = frame.get("id");
        String type = frame.path("type").asString("");
        switch (type) {
            case "ping" -> {
                Map<String, Object> pong = new LinkedHashMap<>();
                pong.put("type", "pong");
                if (id != null) {
                    pong.put("reply_to", id);
                }
                if (frame.has("time")) {
                    pong.put("time", frame.get("time"));
                }
                connection.send(SlackJson.write(pong));
            }
            case "message" -> post(connection, frame, id);
            case "mark" -> mark(connection, frame, id);
            default -> connection.send(error(id, 3, "unknown_type"));
        }
    }

    private void post(Connection connection, JsonNode frame, JsonNode id) {
        Caller caller = connection.caller();
        call(connection, id, "Posting", () -> {
            MessagingClient.PostResult result = messaging.post(new MessagingClient.PostCommand(caller.workspaceId(),
                    caller.userId(), frame.path("channel").asString(null), frame.path("text").asString(null),
                    frame.path("thread_ts").asString(null), frame.path("client_msg_id").asString(null)));
            if (!result.ok()) {
                return Answer.refused(result.error());
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("channel", result.channelId());
            fields.put("ts", result.ts());
            fields.put("text", result.text());
            return new Answer(null, fields);
        });
    }

    private void mark(Connection connection, JsonNode frame, JsonNode id) {
        Caller caller = connection.caller();
        call(connection, id, "Marking", () -> {
            ChannelClient.MarkResult result = channels.mark(new ChannelClient.MarkCommand(caller.workspaceId(),
                    caller.userId(), frame.path("channel").asString(null), frame.path("ts").asString(null)));
            return result.ok() ? new Answer(null, Map.of()) : Answer.refused(result.error());
        });
    }

    /** A service's answer to a frame: the reply's fields, or the Slack error code it refused with. */
    private record Answer(String error, Map<String, Object> fields) {
        static Answer refused(String error) {
            return new Answer(error, Map.of());
        }
    }

    /**
     * Runs a frame's service call and answers it: {@code {"ok":true,"reply_to":id,...fields}}, or Slack's RTM error
     * shape for a refused call (code 2) or an unreachable service (code 500).
     */
    private void call(Connection connection, JsonNode id, String what, java.util.function.Supplier<Answer> action) {
        Answer answer;
        try {
            answer = action.get();
        } catch (RuntimeException e) {
            log.warn("{} from a socket failed: {}", what, e.toString());
            connection.send(error(id, 500, "service_unavailable"));
            return;
        }
        if (answer.error() != null) {
            connection.send(error(id, 2, answer.error()));
            return;
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        if (id != null) {
            reply.put("reply_to", id);
        }
        reply.putAll(answer.fields());
        connection.send(SlackJson.write(reply));
    }

    private static String error(JsonNode id, int code, String msg) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", false);
        if (id != null) {
            reply.put("reply_to", id);
        }
        reply.put("error", Map.of("code", code, "msg", msg));
        return SlackJson.write(reply);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = bySession.remove(session.getId());
        if (connection != null) {
            registry.unregister(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Socket {} failed: {}", session.getId(), exception.toString());
    }
}
