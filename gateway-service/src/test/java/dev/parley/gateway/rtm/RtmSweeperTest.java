package dev.parley.gateway.rtm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.connection.Connection;
import dev.parley.gateway.testing.FrameLog;
import dev.parley.gateway.testing.TestSettings;
import dev.parley.gateway.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Liveness and token expiry, with the sweeper run every 50 ms and intervals of a fraction of a second. */
class RtmSweeperTest {

    private final ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor();
    private RtmStack stack;

    @AfterEach
    void stop() {
        sweeps.shutdownNow();
        stack.close();
    }

    private void start(TestSettings settings) {
        stack = new RtmStack(settings.build());
    }

    /** Starts sweeping once the sockets are open, so nothing the sweeper says is mistaken for their greeting. */
    private void sweep() {
        sweep(Duration.ofMillis(50));
    }

    private void sweep(Duration every) {
        RtmSweeper sweeper = new RtmSweeper(stack.connections, stack.properties);
        sweeps.scheduleWithFixedDelay(sweeper::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aSocketWhoseTokenExpiresIsWarnedAndThenClosedWith4001() {
        start(TestSettings.defaults());
        WsClient client = stack.open(WsClient.bearer(stack.tokens.token(RtmStack.WS, "U1", Duration.ofSeconds(2))), "", false);
        sweep();

        List<FrameLog.Frame> frames = client.frames().untilClosed();

        List<String> texts = frames.stream().filter(f -> f.kind() == FrameLog.Kind.TEXT)
                .map(f -> f.json().path("type").asString() + ":" + f.json().path("error").path("msg").asString()).toList();
        assertThat(texts).containsExactly("token_expiring:", "error:token_expired");
        assertThat(frames.getLast().kind()).isEqualTo(FrameLog.Kind.CLOSE);
        assertThat(frames.getLast().closeCode()).isEqualTo(Connection.CLOSE_TOKEN_EXPIRED);
    }

    @Test
    void aFreshTokenOfTheSameUserKeepsTheSocketOpen() throws InterruptedException {
        start(TestSettings.defaults());
        WsClient client = stack.open(WsClient.bearer(stack.tokens.token(RtmStack.WS, "U1", Duration.ofSeconds(2))), "", false);
        sweep();
        assertThat(client.frames().nextJson().path("type").asString()).isEqualTo("token_expiring");

        client.send("{\"type\":\"token\",\"id\":1,\"token\":\"" + stack.tokens.token(RtmStack.WS, "U2") + "\"}");
        assertThat(client.frames().nextJson().path("error").path("msg").asString()).isEqualTo("invalid_auth");
        client.send("{\"type\":\"token\",\"id\":2,\"token\":\"" + stack.tokens.token(RtmStack.WS, "U1") + "\"}");
        JsonNode reply = client.frames().nextJson();
        assertThat(reply.path("ok").asBoolean()).isTrue();
        assertThat(reply.path("reply_to").asInt()).isEqualTo(2);
        assertThat(reply.path("expires_at").asLong()).isGreaterThan(System.currentTimeMillis() / 1000 + 3000);

        Thread.sleep(2500);
        client.send("{\"type\":\"ping\",\"id\":3}");
        assertThat(client.frames().nextJson().path("reply_to").asInt()).isEqualTo(3);
    }

    @Test
    void aSilentSocketIsPingedAndThenClosedWith4000WhileOneThatAnswersStaysOpen() {
        start(TestSettings.defaults().pingInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofMillis(1000)));
        WsClient answering = stack.open(WsClient.bearer(stack.tokens.token(RtmStack.WS, "U2")), "", true);
        WsClient silent = stack.open("U1");
        sweep();

        List<FrameLog.Frame> frames = silent.frames().untilClosed();

        assertThat(frames).extracting(FrameLog.Frame::kind).startsWith(FrameLog.Kind.PING).contains(FrameLog.Kind.CLOSE);
        assertThat(frames.getLast().closeCode()).isEqualTo(Connection.CLOSE_IDLE);
        answering.send("{\"type\":\"ping\",\"id\":1}");
        assertThat(answering.frames().nextJson().path("reply_to").asInt()).isEqualTo(1);
    }

    @Test
    void aSocketThatAnswersPingsIsPingedEvenWhenSweepsComeLessOftenThanOnceASecond() throws InterruptedException {
        // A sweep over many sockets, or a pause, spaces sweeps more than a second apart: here 1.5 s, so the sweeps at
        // 1.5 s, 3 s and 4.5 s of silence each miss the first second after 2 s and 4 s.
        start(TestSettings.defaults().pingInterval(Duration.ofSeconds(2)).idleTimeout(Duration.ofMillis(4400)));
        WsClient answering = stack.open(WsClient.bearer(stack.tokens.token(RtmStack.WS, "U1")), "", true);
        sweep(Duration.ofMillis(1500));

        Thread.sleep(5000);

        answering.send("{\"type\":\"ping\",\"id\":1}");
        FrameLog.Frame next = answering.frames().next();
        while (next.kind() == FrameLog.Kind.PING) {
            next = answering.frames().next();
        }
        assertThat(next.kind()).as("still open").isEqualTo(FrameLog.Kind.TEXT);
        assertThat(next.json().path("reply_to").asInt()).isEqualTo(1);
    }
}
