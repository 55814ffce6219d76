package dev.parley.gateway.rtm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.connection.Connection;
import dev.parley.gateway.testing.FrameLog;
import dev.parley.gateway.testing.TestSettings;
import dev.parley.gateway.testing.WsClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A socket's own limits: the per-socket rate limit (token bucket), and closing a socket that keeps flooding so that
 * the client learns why.
 */
class RtmSocketTest {

    private static final int BURST = 5;

    private final RtmStack stack = new RtmStack(TestSettings.defaults().rateLimit(1, BURST).build());

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void framesBeyondTheBurstGetOneRateLimitedErrorAndTheSocketStaysOpen() throws InterruptedException {
        WsClient client = stack.open("U1");
        // ready() spent one token; let it come back so the whole burst is available.
        Thread.sleep(1100);

        for (int i = 1; i <= BURST + 10; i++) {
            client.sendNow("{\"type\":\"ping\",\"id\":" + i + "}");
        }
        Thread.sleep(1100);
        client.send("{\"type\":\"ping\",\"id\":99}");

        List<JsonNode> frames = client.frames().until(f -> f.path("reply_to").asInt() == 99);
        assertThat(frames).filteredOn(f -> "pong".equals(f.path("type").asString()))
                .extracting(f -> f.path("reply_to").asInt()).containsExactly(1, 2, 3, 4, 5, 99);
        assertThat(frames).filteredOn(f -> "error".equals(f.path("type").asString()))
                .extracting(f -> f.path("error").path("msg").asString() + "/" + f.path("error").path("code").asInt())
                .containsExactly("rate_limited/429");
    }

    @Test
    void sustainedFloodingClosesTheSocketWith4008() {
        WsClient client = stack.open("U1");

        // Far more than the limit, so frames keep arriving after the server's close frame: the server must keep
        // reading (and dropping) them until the client answers the close, or the client's writes would fail and it
        // would never read the close code.
        for (int i = 1; i <= RtmSocket.FLOOD_LIMIT * 20; i++) {
            client.sendNow("{\"type\":\"ping\",\"id\":" + i + "}");
        }

        List<FrameLog.Frame> frames = client.frames().untilClosed();
        assertThat(frames).filteredOn(f -> f.kind() == FrameLog.Kind.TEXT && f.text().contains("rate_limited")).hasSize(1);
        assertThat(frames.getLast().kind()).isEqualTo(FrameLog.Kind.CLOSE);
        assertThat(frames.getLast().closeCode()).isEqualTo(Connection.CLOSE_FLOOD);
    }
}
