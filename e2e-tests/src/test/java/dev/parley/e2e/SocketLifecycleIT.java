package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A socket's life against its token and its silence, on a standalone server with short-lived tokens: warned before
 * expiry, closed at expiry unless the client sends a fresh token, and closed when it stays silent.
 */
class SocketLifecycleIT {

    private static ParleyProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("parley-e2e-life-");
        server = ParleyProcess.start("standalone-lifecycle", "parley-server", List.of("--parley.data-dir=" + data,
                        "--parley.store.sharding-guard=true", "--parley.auth.token-ttl=15s",
                        "--parley.gateway.ping-interval=2s", "--parley.gateway.idle-timeout=6s"))
                .awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anExpiredTokenClosesItsSocketAndItsTokenNoLongerWorks() {
        TestTeam team = TestTeam.create(server.baseUrl(), 1);
        try (RtmClient socket = RtmClient.connect(server.wsUrl(), team.get(0).token())) {
            socket.awaitType("hello");
            JsonNode warning = socket.awaitType("token_expiring");
            assertThat(warning.path("expires_at").asLong()).isPositive();
            assertThat(socket.awaitClose(Duration.ofSeconds(20))).isEqualTo(4001);
        }
        assertThat(team.get(0).api().call("auth.test").path("error").asString()).isEqualTo("invalid_auth");
    }

    @Test
    void aFreshTokenSentOverTheSocketKeepsItOpen() throws Exception {
        TestTeam team = TestTeam.create(server.baseUrl(), 1);
        SlackClient owner = team.get(0).api();
        String channel = owner.ok("conversations.create", "name", "life-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        try (RtmClient socket = RtmClient.connect(server.wsUrl(), owner.token())) {
            socket.awaitType("hello");
            long expiresAt = socket.awaitType("token_expiring").path("expires_at").asLong();
            Thread.sleep(5_000);
            String fresh = signIn(team);
            socket.send("{\"id\":1,\"type\":\"token\",\"token\":\"" + fresh + "\"}");
            assertThat(socket.awaitReply(1).path("expires_at").asLong()).isGreaterThan(expiresAt);
            // Past the first token's expiry (and the sweep after it), within the fresh one's.
            Thread.sleep(Math.max(0, expiresAt * 1000 + 1_500 - System.currentTimeMillis()));
            new SlackClient(server.baseUrl(), signIn(team)).ok("chat.postMessage", "channel", channel, "text", "still open");
            socket.await(f -> "still open".equals(f.path("text").asString("")), Duration.ofSeconds(20));
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void aSilentSocketIsClosedButOneThatAnswersPingsIsNot() throws Exception {
        TestTeam team = TestTeam.create(server.baseUrl(), 1);
        // The JDK client answers the server's pings by itself, so it stays open past the idle timeout.
        try (RtmClient socket = RtmClient.connect(server.wsUrl(), signIn(team))) {
            socket.awaitType("hello");
            Thread.sleep(7_000);
            assertThat(socket.isClosed()).isFalse();
        }
        String token = signIn(team);
        try (var raw = new java.net.Socket("127.0.0.1", server.port())) {
            // A client that upgrades and then never answers anything (no pong) is closed at the idle timeout.
            String key = java.util.Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());
            raw.getOutputStream().write(("GET /rtm?token=" + token + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes());
            raw.setSoTimeout(20_000);
            byte[] buffer = new byte[8192];
            StringBuilder received = new StringBuilder();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int n;
            while (System.nanoTime() < deadline && (n = raw.getInputStream().read(buffer)) > 0) {
                received.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            assertThat(received.toString()).startsWith("HTTP/1.1 101").contains("hello").contains("idle_timeout");
        }
    }

    private static String signIn(TestTeam team) {
        return new SlackClient(server.baseUrl(), null).ok("auth.signin", "email", "user0@" + team.domain() + ".test",
                "password", "correct horse 0").path("token").asString();
    }
}
