package dev.parley.gateway.rtm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.json.SlackJson;
import dev.parley.gateway.connection.Connection;
import dev.parley.gateway.testing.FrameLog;
import dev.parley.gateway.testing.TestSettings;
import dev.parley.gateway.testing.WsClient;
import dev.parley.messaging.client.MessagingClient;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code /rtm} protocol end to end through the real edge: a client frame in, the gateway's frames out. */
class RtmProtocolTest {

    private static final Duration TYPING = Duration.ofMillis(500);

    private final RtmStack stack = new RtmStack(TestSettings.defaults()
            .typingInterval(TYPING).maxFrameBytes(8192).allowedOrigins("https://app.example", "https://*.acme.test").build());

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void invalidJsonIsAnErrorFrameAndTheSocketStaysOpen() {
        WsClient client = stack.open("U1");
        JsonNode invalid = json("{\"type\":\"error\",\"error\":{\"code\":1,\"msg\":\"invalid_json\"}}");

        client.send("{\"type\":");
        assertThat(client.frames().nextJson()).isEqualTo(invalid);
        client.send("[\"ping\"]");
        assertThat(client.frames().nextJson()).isEqualTo(invalid);

        client.send("{\"type\":\"ping\",\"id\":1}");
        assertThat(client.frames().nextJson()).isEqualTo(json("{\"type\":\"pong\",\"reply_to\":1}"));
    }

    @Test
    void anUnknownOrMissingTypeIsError3() {
        WsClient client = stack.open("U1");

        client.send("{\"type\":\"dance\",\"id\":5}");
        assertThat(client.frames().nextJson())
                .isEqualTo(json("{\"ok\":false,\"reply_to\":5,\"error\":{\"code\":3,\"msg\":\"unknown_type\"}}"));
        client.send("{\"id\":6}");
        assertThat(client.frames().nextJson())
                .isEqualTo(json("{\"ok\":false,\"reply_to\":6,\"error\":{\"code\":3,\"msg\":\"unknown_type\"}}"));
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingItsIdAndTime() {
        WsClient client = stack.open("U1");

        client.send("{\"type\":\"ping\",\"id\":42,\"time\":1795463065}");
        assertThat(client.frames().nextJson()).isEqualTo(json("{\"type\":\"pong\",\"reply_to\":42,\"time\":1795463065}"));
        client.send("{\"type\":\"ping\",\"id\":\"abc\"}");
        assertThat(client.frames().nextJson()).isEqualTo(json("{\"type\":\"pong\",\"reply_to\":\"abc\"}"));
    }

    @Test
    void aBotTokenOpensASocketThatPostsOnlyWithChatWrite() {
        WsClient bot = stack.open(WsClient.bearer(stack.tokens.botToken(RtmStack.WS, "UBOT", java.util.Set.of("chat:write"))),
                "", false);
        WsClient mute = stack.open(WsClient.bearer(stack.tokens.botToken(RtmStack.WS, "UMUTE",
                java.util.Set.of("channels:read"))), "", false);

        mute.send("{\"type\":\"message\",\"id\":9,\"channel\":\"C1\",\"text\":\"shh\"}");
        assertThat(mute.frames().nextJson())
                .isEqualTo(json("{\"ok\":false,\"reply_to\":9,\"error\":{\"code\":2,\"msg\":\"missing_scope\"}}"));
        bot.send("{\"type\":\"message\",\"id\":8,\"channel\":\"C1\",\"text\":\"beep\"}");
        assertThat(bot.frames().nextJson().path("ok").asBoolean()).isTrue();
        assertThat(stack.posts).containsExactly(new MessagingClient.PostCommand("T1", "UBOT", "member", "C1", "beep", null, null));
    }

    @Test
    void aMessageFrameIsPostedAsTheSocketsUserAndAnswered() {
        WsClient client = stack.open("U1");

        client.send("{\"type\":\"message\",\"id\":7,\"channel\":\"C1\",\"text\":\"hi\",\"client_msg_id\":\"m-1\"}");

        assertThat(client.frames().nextJson()).isEqualTo(json(
                "{\"ok\":true,\"reply_to\":7,\"channel\":\"C1\",\"ts\":\"1795463065.000100\",\"text\":\"hi\"}"));
        assertThat(stack.posts).containsExactly(new MessagingClient.PostCommand("T1", "U1", "member", "C1", "hi", null, "m-1"));
    }

    @Test
    void typingReachesTheChannelsOtherMembersOnlyAndAtMostOncePerInterval() throws InterruptedException {
        stack.store.createChannel(RtmStack.WS, "C1", "U1", "U2");
        stack.store.createChannel(RtmStack.WS, "C2", "U3");
        WsClient typist = stack.open("U1");
        WsClient typistElsewhere = stack.open("U1");
        WsClient member = stack.open("U2");
        WsClient outsider = stack.open("U3");

        typist.send("{\"type\":\"typing\",\"channel\":\"C1\"}");
        typist.send("{\"type\":\"typing\",\"channel\":\"C1\"}");
        served(typist);
        stack.post("C1");

        List<JsonNode> seen = member.frames().until(f -> f.path("seq").asLong() == 1);
        assertThat(seen).filteredOn(f -> "user_typing".equals(f.path("type").asString()))
                .containsExactly(json("{\"type\":\"user_typing\",\"channel\":\"C1\",\"user\":\"U1\"}"));
        for (WsClient own : List.of(typist, typistElsewhere)) {
            assertThat(own.frames().until(f -> f.path("seq").asLong() == 1)).singleElement();
        }
        stack.post("C2");
        assertThat(outsider.frames().until(f -> "C2".equals(f.path("channel").asString()))).singleElement();

        Thread.sleep(TYPING.toMillis() + 100);
        typist.send("{\"type\":\"typing\",\"channel\":\"C1\",\"thread_ts\":\"1795463065.000100\"}");
        served(typist);
        stack.post("C1");
        assertThat(member.frames().until(f -> f.path("seq").asLong() == 2)).first()
                .isEqualTo(json("{\"type\":\"user_typing\",\"channel\":\"C1\",\"user\":\"U1\",\"thread_ts\":\"1795463065.000100\"}"));
    }

    @Test
    void typingInAChannelTheSocketDoesNotFollowIsRefused() {
        stack.store.createChannel(RtmStack.WS, "C1", "U2");
        WsClient client = stack.open("U1");

        client.send("{\"type\":\"typing\",\"id\":3,\"channel\":\"C1\"}");

        assertThat(client.frames().nextJson())
                .isEqualTo(json("{\"ok\":false,\"reply_to\":3,\"error\":{\"code\":2,\"msg\":\"channel_not_found\"}}"));
    }

    @Test
    void presenceSubTakesAtMost500Ids() {
        WsClient client = stack.open("U1");

        client.send(presenceSub(1, 501));
        assertThat(client.frames().nextJson())
                .isEqualTo(json("{\"ok\":false,\"reply_to\":1,\"error\":{\"code\":2,\"msg\":\"too_many_ids\"}}"));
        client.send(presenceSub(2, 500));
        assertThat(client.frames().nextJson()).isEqualTo(json("{\"ok\":true,\"reply_to\":2}"));
    }

    @Test
    void aGuestSubscribesOnlyToThePresenceOfPeopleItCanSee() {
        stack.store.createChannel(RtmStack.WS, "C1", "G1", "U2");
        stack.store.createChannel(RtmStack.WS, "C2", "U2", "U3");
        WsClient guest = stack.open("G1", "guest");
        WsClient member = stack.open("U2");

        guest.send("{\"type\":\"presence_sub\",\"id\":1,\"ids\":[\"U2\",\"U3\"]}");
        member.send("{\"type\":\"presence_sub\",\"id\":1,\"ids\":[\"G1\",\"U3\"]}");

        assertThat(guest.frames().nextJson()).isEqualTo(json("{\"ok\":true,\"reply_to\":1}"));
        assertThat(member.frames().nextJson()).isEqualTo(json("{\"ok\":true,\"reply_to\":1}"));
        assertThat(stack.connections.of(RtmStack.WS, "G1")).singleElement()
                .satisfies(c -> assertThat(c.presenceSubscriptions()).containsExactly("U2"));
        assertThat(stack.connections.of(RtmStack.WS, "U2")).singleElement()
                .satisfies(c -> assertThat(c.presenceSubscriptions()).containsExactlyInAnyOrder("G1", "U3"));
    }

    @Test
    void aGuestsSocketPostsWithItsRole() {
        WsClient guest = stack.open("G1", "single_channel_guest");

        guest.send("{\"type\":\"message\",\"id\":7,\"channel\":\"C1\",\"text\":\"hi\"}");

        assertThat(guest.frames().nextJson().path("ok").asBoolean()).isTrue();
        assertThat(stack.posts).containsExactly(
                new MessagingClient.PostCommand("T1", "G1", "single_channel_guest", "C1", "hi", null, null));
    }

    @Test
    void resumeOnASocketNotOpenedToResumeIsRefused() {
        WsClient client = stack.open("U1");

        client.send("{\"type\":\"resume\",\"id\":9,\"channels\":{\"C1\":0}}");

        assertThat(client.frames().nextJson())
                .isEqualTo(json("{\"ok\":false,\"reply_to\":9,\"error\":{\"code\":2,\"msg\":\"resume_not_expected\"}}"));
    }

    @Test
    void aSocketOpenedToResumeReplaysWhatItMissedAndThenGoesLive() {
        stack.store.createChannel(RtmStack.WS, "C1", "U1");
        for (int i = 0; i < 4; i++) {
            stack.post("C1");
        }
        WsClient client = stack.open(WsClient.bearer(stack.tokens.token(RtmStack.WS, "U1")), "?resume=1", false);
        stack.post("C1");

        client.send("{\"type\":\"resume\",\"id\":9,\"channels\":{\"C1\":2}}");

        List<JsonNode> replay = client.frames().until(f -> f.has("reply_to"));
        assertThat(replay.stream().map(f -> f.path("seq").asLong()).toList()).containsExactly(3L, 4L, 5L, 0L);
        assertThat(replay.getLast()).isEqualTo(json("{\"ok\":true,\"reply_to\":9}"));
        stack.post("C1");
        assertThat(client.frames().nextJson().path("seq").asLong()).isEqualTo(6);
    }

    @Test
    void aFrameOverTheSizeLimitClosesTheSocketWith1009() {
        WsClient client = stack.open("U1");

        client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(10_000) + "\"}");

        FrameLog.Frame last = client.frames().untilClosed().getLast();
        assertThat(last.kind()).isEqualTo(FrameLog.Kind.CLOSE);
        assertThat(last.closeCode()).isEqualTo(1009);
    }

    @Test
    void theUpgradeNeedsAValidTokenAndAnAllowedOrigin() throws Exception {
        assertThat(refusal(new DefaultHttpHeaders())).isEqualTo("401 {\"ok\":false,\"error\":\"not_authed\"}");
        assertThat(refusal(WsClient.bearer("not.a.token"))).isEqualTo("401 {\"ok\":false,\"error\":\"invalid_auth\"}");
        String token = stack.tokens.token(RtmStack.WS, "U1");
        assertThat(refusal(WsClient.bearer(token).set("Origin", "https://evil.example")))
                .isEqualTo("403 {\"ok\":false,\"error\":\"origin_not_allowed\"}");

        stack.open(WsClient.bearer(token).set("Origin", "https://team.acme.test"), "", false).close();
        stack.open(new DefaultHttpHeaders(), "?token=" + token, false).close();
    }

    @Test
    void stoppingTheEdgeSaysGoodbyeAndClosesWith1001() {
        WsClient client = stack.open("U1");

        stack.edge.close();

        List<FrameLog.Frame> frames = client.frames().untilClosed();
        assertThat(frames.getFirst().json()).isEqualTo(json("{\"type\":\"goodbye\",\"reason\":\"server_shutdown\"}"));
        assertThat(frames.getLast().kind()).isEqualTo(FrameLog.Kind.CLOSE);
        assertThat(frames.getLast().closeCode()).isEqualTo(Connection.CLOSE_GOING_AWAY);
    }

    private String refusal(io.netty.handler.codec.http.HttpHeaders headers) {
        try {
            WsClient.connect(stack.edge.port(), "/rtm", headers).close();
        } catch (WsClient.Refused e) {
            return e.status.code() + " " + e.body;
        }
        throw new AssertionError("the upgrade was accepted");
    }

    /** Waits until the socket's earlier frames were handled on its event loop (they are served in order). */
    private static void served(WsClient client) {
        client.send("{\"type\":\"ping\",\"id\":\"served\"}");
        client.frames().until(f -> "served".equals(f.path("reply_to").asString()));
    }

    private static String presenceSub(int id, int count) {
        return "{\"type\":\"presence_sub\",\"id\":" + id + ",\"ids\":["
                + IntStream.range(0, count).mapToObj(i -> "\"U" + i + "\"").collect(Collectors.joining(",")) + "]}";
    }

    private static JsonNode json(String text) {
        return SlackJson.tree(text);
    }
}
