package dev.parley.gateway.rtm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.json.SlackJson;
import dev.parley.gateway.testing.FrameLog;
import dev.parley.gateway.testing.TestSettings;
import dev.parley.gateway.testing.WsClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;

/**
 * Property-based fuzzing of the {@code /rtm} protocol through the real edge: any text frame (garbage, JSON of the
 * wrong shape, wrong types, huge ids, injection strings, deep nesting) and any binary frame gets a Slack-style
 * answer, the socket stays open, and another user's socket never notices. Frames that break the WebSocket protocol
 * itself close the socket with the code that says why, and the server goes on serving. Seeds are fixed.
 */
class RtmFuzzTest {

    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "'; DROP TABLE messages; --",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://x/a}", "{{7*7}}", "\u0000",
            "\r\n", "\uFEFF", "😀", "../../etc/passwd", "%zz", "C1", "U2", "1795463065.000100", "");

    private static RtmStack stack;
    private static WsClient fuzzed;
    private static WsClient bystander;
    private static final AtomicInteger fences = new AtomicInteger();

    @BeforeContainer
    static void start() {
        stack = new RtmStack(TestSettings.defaults().rateLimit(1_000_000, 1_000_000).maxFrameBytes(256 * 1024).build());
        stack.store.createChannel(RtmStack.WS, "C1", "U1", "U2");
        fuzzed = stack.open("U1");
        bystander = stack.open("U2");
    }

    @AfterContainer
    static void stop() {
        stack.close();
    }

    /**
     * Sends a frame that is served in order behind whatever was sent before (a {@code mark}; a ping would be answered
     * at once, ahead of frames still being served) and returns every text frame up to its answer.
     */
    private static List<JsonNode> fence(WsClient client) {
        String id = "fence-" + fences.incrementAndGet();
        client.send("{\"type\":\"mark\",\"id\":\"" + id + "\",\"channel\":\"C1\",\"ts\":\"1.0\"}");
        List<JsonNode> frames = client.frames().until(f -> id.equals(f.path("reply_to").asString("")));
        return frames.subList(0, frames.size() - 1);
    }

    private static void assertSlackShaped(JsonNode frame) {
        if ("error".equals(frame.path("type").asString(""))) {
            assertThat(frame.path("error").path("code").isInt()).as(frame.toString()).isTrue();
            assertThat(frame.path("error").path("msg").asString("")).as(frame.toString()).matches("[a-z_]+");
        } else if ("pong".equals(frame.path("type").asString(""))) {
            assertThat(frame.has("reply_to") || frame.size() == 1 || frame.has("time")).as(frame.toString()).isTrue();
        } else if (frame.path("ok").isBoolean() && !frame.path("ok").asBoolean()) {
            assertThat(frame.path("error").path("code").isInt()).as(frame.toString()).isTrue();
            assertThat(frame.path("error").path("msg").asString("")).as(frame.toString()).matches("[a-z_]+");
        } else {
            assertThat(frame.path("ok").asBoolean(false)).as(frame.toString()).isTrue();
        }
    }

    /** How many answers a frame must get at least: typing and presence_sub answer only errors or an id. */
    private static int answersOwed(String text) {
        JsonNode json;
        try {
            json = SlackJson.tree(text);
        } catch (RuntimeException e) {
            return 1;
        }
        if (json == null || !json.isObject()) {
            return 1;
        }
        String type = json.path("type").asString("");
        return type.equals("typing") || type.equals("presence_sub") ? 0 : 1;
    }

    @Property(tries = 1000, seed = "20261124")
    void anyTextFramesAreAnsweredAndTheSocketStaysOpen(@ForAll("frameBatches") List<String> frames) {
        int owed = 0;
        for (String frame : frames) {
            fuzzed.send(frame);
            owed += answersOwed(frame);
        }
        List<JsonNode> answers = fence(fuzzed);
        answers.forEach(RtmFuzzTest::assertSlackShaped);
        answers.forEach(a -> Statistics.label("answer").collect(a.path("type").asString("")
                + a.path("error").path("msg").asString(a.path("ok").asBoolean(false) ? "ok" : "")));
        assertThat(answers.size()).as(answers.toString()).isBetween(owed, frames.size());
        assertThat(fence(bystander)).as("the bystander's socket hears nothing of it").isEmpty();
    }

    @Property(tries = 200, seed = "20261124")
    void binaryFramesAreRefusedWithAnErrorFrame(@ForAll byte[] payload) {
        fuzzed.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        List<JsonNode> answers = fence(fuzzed);
        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().path("error").path("msg").asString()).isEqualTo("binary_not_supported");
    }

    @Example
    void protocolViolationsCloseWithTheirCodeAndTheServerGoesOn() {
        WsClient badUtf8 = stack.open("U3");
        badUtf8.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})));
        assertThat(closeCode(badUtf8)).isEqualTo(WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code());

        WsClient strayContinuation = stack.open("U3");
        strayContinuation.send(new ContinuationWebSocketFrame(Unpooled.wrappedBuffer("x".getBytes())));
        assertThat(closeCode(strayContinuation)).isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR.code());

        WsClient tooLarge = stack.open("U3");
        tooLarge.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(300 * 1024) + "\"}");
        assertThat(closeCode(tooLarge)).isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG.code());

        assertThat(fence(bystander)).isEmpty();
        WsClient fresh = stack.open("U3");
        fresh.send("{\"type\":\"ping\",\"id\":1}");
        assertThat(fresh.frames().nextJson().path("type").asString()).isEqualTo("pong");
    }

    @Example
    void anUpgradeWithABrokenEscapeInItsUrlIsA400WithSlacksEnvelope() throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", stack.edge.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /rtm?token=%zz HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").endsWith("{\"ok\":false,\"error\":\"invalid_request\"}");
        }
    }

    private static int closeCode(WsClient client) {
        List<FrameLog.Frame> frames = client.frames().untilClosed();
        FrameLog.Frame last = frames.getLast();
        assertThat(last.kind()).as(frames.toString()).isEqualTo(FrameLog.Kind.CLOSE);
        return last.closeCode();
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<String>> frameBatches() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.strings().ofMaxLength(200)),
                Tuple.of(1, Arbitraries.strings().withChars("{}[]\":,0123456789.-etrufalsn ").ofMaxLength(60)),
                Tuple.of(6, objects().map(SlackJson::write)),
                Tuple.of(1, Arbitraries.integers().between(1, 3000).map(depth ->
                        "{\"type\":\"ping\",\"id\":1,\"time\":" + "[".repeat(depth) + "]".repeat(depth) + "}")),
                Tuple.of(1, Arbitraries.integers().between(1000, 200_000).map(n ->
                        "{\"type\":\"message\",\"id\":2,\"channel\":\"C1\",\"text\":\"" + "y".repeat(n) + "\"}")))
                .list().ofMinSize(1).ofMaxSize(5);
    }

    private Arbitrary<Map<String, Object>> objects() {
        Arbitrary<Object> type = Arbitraries.of("message", "mark", "typing", "ping", "presence_sub", "resume", "token",
                "hello", "error", "pong", "MESSAGE", "", "dance", 5, true, List.of("ping"), Map.of("a", 1));
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(INJECTIONS).map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, 1.5, 1e300, Double.MIN_VALUE,
                        new BigInteger("123456789012345678901234567890123456789"), true, false).map(o -> (Object) o)),
                Tuple.of(2, Arbitraries.of(List.of(), List.of("U2"), List.of(1, 2), Map.of(), Map.of("C1", 41),
                        Map.of("C1", -1), Map.of("", 1), Map.of("C1", "x"), Map.of("C1", new BigInteger("99999999999999999999999")))
                        .map(o -> (Object) o)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(25).ofMaxLength(100).list().ofMaxSize(600)
                        .map(o -> (Object) o)));
        Arbitrary<Object> id = Arbitraries.of(1, -1, 0, Long.MAX_VALUE, new BigInteger("1" + "0".repeat(40)), "abc",
                "x".repeat(65), 1.5, true, List.of(1), Map.of());
        Arbitrary<String> names = Arbitraries.of("channel", "text", "ts", "thread_ts", "client_msg_id", "ids", "channels",
                "token", "time", "user", "reply_to", "ok");
        return Arbitraries.maps(names, value).ofMaxSize(6).flatMap(fields -> type.injectNull(0.1).flatMap(t ->
                id.injectNull(0.3).map(i -> {
                    Map<String, Object> frame = new LinkedHashMap<>(fields);
                    if (t != null) {
                        frame.put("type", t);
                    }
                    if (i != null) {
                        frame.put("id", i);
                    }
                    return frame;
                })));
    }
}
