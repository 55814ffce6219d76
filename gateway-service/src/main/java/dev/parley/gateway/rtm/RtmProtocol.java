package dev.parley.gateway.rtm;

import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.client.People;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenVerifier;
import dev.parley.common.json.SlackJson;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.connection.Connection;
import dev.parley.gateway.connection.Connections;
import dev.parley.messaging.client.MessagingClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /rtm} protocol: {@code hello} on connect, then the client's frames ({@code message}, {@code mark},
 * {@code typing}, {@code ping}, {@code presence_sub}, {@code resume}, {@code token}), each answered with a
 * {@code reply_to} frame or an error, one socket's frames served in order and off the event loop.
 */
@Component
public class RtmProtocol {

    private static final Logger log = LoggerFactory.getLogger(RtmProtocol.class);
    static final int MAX_WAITING_FRAMES = 64;
    static final int MAX_PRESENCE_IDS = 500;
    static final int MAX_RESUME_CHANNELS = 5000;

    private final Connections connections;
    private final ObjectProvider<ChannelClient> channels;
    private final ObjectProvider<MessagingClient> messaging;
    private final TokenVerifier tokens;
    private final GatewayProperties properties;
    private final People people;
    private final ExecutorService frames = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rtm-", 0).factory());
    private final Map<Connection, Map<String, Long>> typing = new ConcurrentHashMap<>();

    RtmProtocol(Connections connections, ObjectProvider<ChannelClient> channels, ObjectProvider<MessagingClient> messaging,
                TokenVerifier tokens, GatewayProperties properties, People people) {
        this.connections = connections;
        this.channels = channels;
        this.messaging = messaging;
        this.tokens = tokens;
        this.properties = properties;
        this.people = people;
    }

    /** A socket was upgraded: register it, start its channel streams (unless it will resume), then greet it. */
    void opened(Connection connection) {
        connection.enqueue(() -> {
            try {
                connections.register(connection);
                if (!connection.channel().isActive()) {
                    connections.unregister(connection);
                    return;
                }
                if (!connection.holdingResume()) {
                    connections.start(connection, Map.of());
                }
                // Only now: hello tells the client that everything committed from here on reaches it.
                connection.send("{\"type\":\"hello\"}");
            } catch (RuntimeException e) {
                log.warn("Starting {} failed: {}", connection, e.toString());
                connection.close(Connection.CLOSE_TOO_SLOW, "start_failed: reconnect");
            }
        }, frames, Integer.MAX_VALUE);
    }

    void closed(Connection connection) {
        typing.remove(connection);
        connection.enqueue(() -> connections.unregister(connection), frames, Integer.MAX_VALUE);
    }

    /** A client text frame, read on the event loop. */
    void frame(Connection connection, String text) {
        JsonNode frame;
        try {
            frame = SlackJson.tree(text);
        } catch (RuntimeException e) {
            connection.send(SlackJson.write(Map.of("type", "error", "error", Map.of("code", 1, "msg", "invalid_json"))));
            return;
        }
        if (frame == null || !frame.isObject()) {
            connection.send(SlackJson.write(Map.of("type", "error", "error", Map.of("code", 1, "msg", "invalid_json"))));
            return;
        }
        JsonNode id = frame.get("id");
        if (id != null && !(id.isIntegralNumber() || id.isString()) || id != null && id.isString() && id.asString().length() > 64) {
            id = null;
        }
        JsonNode replyId = id;
        String type = frame.path("type").asString("");
        switch (type) {
            case "ping" -> {
                Map<String, Object> pong = new LinkedHashMap<>();
                pong.put("type", "pong");
                if (replyId != null) {
                    pong.put("reply_to", replyId);
                }
                if (frame.has("time")) {
                    pong.put("time", frame.get("time"));
                }
                connection.send(SlackJson.write(pong));
            }
            case "typing" -> {
                connection.active();
                typing(connection, frame, replyId);
            }
            case "presence_sub" -> presenceSub(connection, frame, replyId);
            case "message", "mark", "resume", "token" -> {
                if (!"resume".equals(type) && !"token".equals(type)) {
                    connection.active();
                }
                boolean queued = connection.enqueue(() -> serve(connection, type, frame, replyId), frames, MAX_WAITING_FRAMES);
                if (!queued) {
                    connection.send(error(replyId, 429, "rate_limited"));
                }
            }
            default -> connection.send(error(replyId, 3, "unknown_type"));
        }
    }

    private void serve(Connection connection, String type, JsonNode frame, JsonNode id) {
        switch (type) {
            case "message" -> post(connection, frame, id);
            case "mark" -> mark(connection, frame, id);
            case "resume" -> resume(connection, frame, id);
            case "token" -> token(connection, frame, id);
            default -> connection.send(error(id, 3, "unknown_type"));
        }
    }

    private void post(Connection connection, JsonNode frame, JsonNode id) {
        Caller caller = connection.caller();
        if (!caller.hasScope(Scopes.CHAT_WRITE)) {
            // The socket posts as chat.postMessage does, so a bot token needs the same scope.
            connection.send(error(id, 2, "missing_scope"));
            return;
        }
        call(connection, id, "Posting", () -> {
            MessagingClient.PostResult result = messaging.getObject().post(new MessagingClient.PostCommand(caller.workspaceId(),
                    caller.userId(), caller.role(), text(frame, "channel"), text(frame, "text"), text(frame, "thread_ts"),
                    text(frame, "client_msg_id"), caller.bot()));
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
            ChannelClient.MarkResult result = channels.getObject().mark(new ChannelClient.MarkCommand(caller.workspaceId(),
                    caller.userId(), caller.role(), text(frame, "channel"), text(frame, "ts")));
            return result.ok() ? new Answer(null, Map.of()) : Answer.refused(result.error());
        });
    }

    /**
     * {@code {"type":"resume","channels":{"C…":41}}} on a socket opened with {@code ?resume=1}: replays each named
     * channel's events after the given sequence number, then goes live in every channel of the user.
     */
    private void resume(Connection connection, JsonNode frame, JsonNode id) {
        if (!connection.holdingResume()) {
            connection.send(error(id, 2, "resume_not_expected"));
            return;
        }
        JsonNode named = frame.get("channels");
        if (named == null || !named.isObject() || named.size() > MAX_RESUME_CHANNELS) {
            connection.send(error(id, 2, named != null && named.isObject() ? "too_many_channels" : "invalid_arguments"));
            return;
        }
        Map<String, Long> cursors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : named.properties()) {
            JsonNode seq = entry.getValue();
            if (entry.getKey().isEmpty() || entry.getKey().length() > 24 || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
                connection.send(error(id, 2, "invalid_cursor"));
                return;
            }
            if (seq.asLong() < 0) {
                connection.send(error(id, 2, "invalid_cursor"));
                return;
            }
            cursors.put(entry.getKey(), seq.asLong());
        }
        call(connection, id, "Resuming", () -> {
            Map<String, String> refused = connections.start(connection, cursors);
            Map<String, Object> fields = new LinkedHashMap<>();
            if (!refused.isEmpty()) {
                fields.put("refused", refused);
            }
            return new Answer(null, fields);
        });
    }

    /** {@code {"type":"token","token":"…"}}: a fresh token of the same user keeps the socket open past the old one's expiry. */
    private void token(Connection connection, JsonNode frame, JsonNode id) {
        TokenVerifier.Verified verified;
        try {
            verified = tokens.verifyWithExpiry(text(frame, "token"));
        } catch (SlackApiException e) {
            connection.send(error(id, 2, "invalid_auth"));
            return;
        }
        Caller now = verified.caller();
        if (!now.workspaceId().equals(connection.workspaceId()) || !now.userId().equals(connection.userId())) {
            connection.send(error(id, 2, "invalid_auth"));
            return;
        }
        long expiresAt;
        try {
            expiresAt = verified.expiresAt().toEpochMilli();
        } catch (ArithmeticException e) {
            expiresAt = Long.MAX_VALUE;
        }
        connection.tokenRefreshed(expiresAt);
        connection.send(SlackJson.write(reply(id, Map.of("expires_at", expiresAt / 1000))));
    }

    /** {@code typing}: {@code user_typing} to the channel's other members' sockets, live only, at most one per interval. */
    private void typing(Connection connection, JsonNode frame, JsonNode id) {
        String channelId = text(frame, "channel");
        if (channelId == null || !connection.follows(channelId)) {
            connection.send(error(id, 2, "channel_not_found"));
            return;
        }
        long now = System.nanoTime();
        Map<String, Long> last = typing.computeIfAbsent(connection, c -> new HashMap<>(2));
        Long previous = last.get(channelId);
        if (previous != null && now - previous < properties.typingInterval().toNanos()) {
            return;
        }
        if (last.size() > 64) {
            last.clear();
        }
        last.put(channelId, now);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "user_typing");
        event.put("channel", channelId);
        event.put("user", connection.userId());
        String threadTs = text(frame, "thread_ts");
        if (threadTs != null && threadTs.length() <= 32) {
            event.put("thread_ts", threadTs);
        }
        connections.publishUnsequenced(connection.workspaceId(), channelId, "user_typing", SlackJson.write(event),
                connection.userId());
    }

    /** {@code presence_sub}: the users whose presence changes this socket wants, replacing any earlier list. */
    private void presenceSub(Connection connection, JsonNode frame, JsonNode id) {
        JsonNode ids = frame.get("ids");
        if (ids == null || !ids.isArray()) {
            connection.send(error(id, 2, "invalid_arguments"));
            return;
        }
        if (ids.size() > MAX_PRESENCE_IDS) {
            connection.send(error(id, 2, "too_many_ids"));
            return;
        }
        Set<String> users = new LinkedHashSet<>();
        for (JsonNode user : ids) {
            if (!user.isString() || user.asString().isEmpty() || user.asString().length() > 24) {
                connection.send(error(id, 2, "invalid_arguments"));
                return;
            }
            users.add(user.asString());
        }
        if (people.seesEveryone(connection.caller())) {
            watched(connection, users, id);
            return;
        }
        // A guest hears only of the people it can see; asking which is a service call, so it waits its turn off the
        // event loop, and the others are left out silently as if they were not there.
        boolean queued = connection.enqueue(() -> {
            try {
                watched(connection, new LinkedHashSet<>(people.visible(connection.caller(), List.copyOf(users))), id);
            } catch (RuntimeException e) {
                log.warn("Filtering presence_sub of {} failed: {}", connection, e.toString());
                connection.send(error(id, 500, "service_unavailable"));
            }
        }, frames, MAX_WAITING_FRAMES);
        if (!queued) {
            connection.send(error(id, 429, "rate_limited"));
        }
    }

    private void watched(Connection connection, Set<String> users, JsonNode id) {
        connections.watch(connection, users);
        if (id != null) {
            connection.send(SlackJson.write(reply(id, Map.of())));
        }
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
    private void call(Connection connection, JsonNode id, String what, Supplier<Answer> action) {
        Answer answer;
        try {
            answer = action.get();
        } catch (SlackApiException e) {
            answer = Answer.refused(e.error());
        } catch (RuntimeException e) {
            log.warn("{} from a socket failed: {}", what, e.toString());
            connection.send(error(id, 500, "service_unavailable"));
            return;
        }
        if (answer.error() != null) {
            connection.send(error(id, 2, answer.error()));
            return;
        }
        connection.send(SlackJson.write(reply(id, answer.fields())));
    }

    private static Map<String, Object> reply(JsonNode id, Map<String, Object> fields) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        if (id != null) {
            reply.put("reply_to", id);
        }
        reply.putAll(fields);
        return reply;
    }

    static String error(JsonNode id, int code, String msg) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", false);
        if (id != null) {
            reply.put("reply_to", id);
        }
        reply.put("error", Map.of("code", code, "msg", msg));
        return SlackJson.write(reply);
    }

    private static String text(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
