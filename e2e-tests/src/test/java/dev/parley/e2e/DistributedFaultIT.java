package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.localinfra.KafkaBrokerProcess;
import dev.parley.localinfra.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Delivery under faults, in the distributed topology on MariaDB with a Redis server and a Kafka broker of the
 * test's own (so it can kill them): two gateways with clients spread over both, and after each fault every client
 * must hold every acknowledged message of its channel exactly once, in channel order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedFaultIT {

    private static final int CLIENTS = 6;
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private static DistributedTopology topology;
    private static RedisServerProcess redis;
    private static KafkaBrokerProcess kafka;
    private static ParleyProcess messaging;
    private static ParleyProcess gatewayA;
    private static ParleyProcess gatewayB;
    private static TestTeam team;
    private static String channel;
    private static final List<TrackedSocket> clients = new ArrayList<>();
    private static final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
        kafka = KafkaBrokerProcess.start();
        topology = new DistributedTopology("f-", kafka.bootstrapServers(), redis.host(), redis.port(), "parley:",
                List.of("--parley.gateway.sync-interval=1s", "--parley.gateway.max-queued-bytes=1048576"));
        messaging = topology.messaging;
        gatewayA = topology.gatewayA;
        gatewayB = topology.gatewayB;
        team = TestTeam.create(gatewayA.baseUrl(), CLIENTS);
        channel = team.get(0).api().ok("conversations.create", "name", "faults").path("channel").path("id").asString();
        for (int i = 1; i < CLIENTS; i++) {
            team.get(i).api().ok("conversations.join", "channel", channel);
        }
        for (int i = 0; i < CLIENTS; i++) {
            TrackedSocket client = new TrackedSocket(team.get(i).token());
            client.connect(gateway(i).wsUrl(), false);
            clients.add(client);
        }
        post(1, "baseline");
        converge();
    }

    /** The client's own gateway, or the other one while its own is down. */
    private static ParleyProcess gateway(int client) {
        ParleyProcess own = client % 2 == 0 ? gatewayA : gatewayB;
        return own.isAlive() ? own : (own == gatewayA ? gatewayB : gatewayA);
    }

    @AfterAll
    static void stop() {
        clients.forEach(TrackedSocket::close);
        if (topology != null) {
            topology.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Posts n messages through gateway B's Web API; records those acknowledged. */
    private static void post(int n, String label) {
        post(n, label, gatewayB);
    }

    private static void post(int n, String label, ParleyProcess gateway) {
        SlackClient poster = team.get(1).api().withBase(gateway.baseUrl());
        for (int i = 0; i < n; i++) {
            String text = label + " " + i;
            try {
                JsonNode answer = poster.call("chat.postMessage", "channel", channel, "text", text);
                if (answer.path("ok").asBoolean()) {
                    acknowledged.add(text);
                }
            } catch (RuntimeException | AssertionError unanswered) {
                // Not acknowledged: it may or may not exist, but never twice.
            }
        }
    }

    /**
     * Every client ends with every acknowledged message, once, in order, and nothing else wrong. A client the server
     * closed (too slow to keep up) reconnects and resumes, as a real client does.
     */
    private static void converge() {
        for (int i = 0; i < clients.size(); i++) {
            TrackedSocket client = clients.get(i);
            if (client.isClosed()) {
                client.connect(gateway(i).wsUrl(), true);
            }
            int index = i;
            List<String> expected = List.copyOf(acknowledged);
            TrackedSocket.await(() -> client.texts(channel).containsAll(expected), CONVERGE,
                    "client " + index + " to receive " + expected.size() + " messages; has " + client.texts(channel).size());
            assertThat(client.violations()).as("client " + i).isEmpty();
            List<String> texts = client.texts(channel);
            assertThat(texts).as("client %d, each once", i).doesNotHaveDuplicates();
            assertThat(texts.subList(texts.size() - expected.size(), texts.size())).as("client %d, in order", i)
                    .containsExactlyElementsOf(expected);
        }
    }

    private static void reconnect(int client, ParleyProcess gateway) {
        clients.get(client).connect(gateway.wsUrl(), true);
    }

    @Test
    @Order(1)
    void killingAGatewayMidStreamLosesNothing() throws Exception {
        Thread poster = Thread.ofVirtual().start(() -> post(60, "gateway-kill"));
        TrackedSocket.await(() -> acknowledged.size() > 20, Duration.ofSeconds(60), "posting to get going");
        gatewayA.kill();
        for (int i = 0; i < CLIENTS; i += 2) {
            clients.get(i).awaitClose(Duration.ofSeconds(30));
            reconnect(i, gatewayB);
        }
        poster.join();
        converge();
        gatewayA.restart().awaitReady(Duration.ofSeconds(120));
    }

    @Test
    @Order(2)
    void restartingRedisLosesNothing() {
        redis.kill();
        post(10, "redis-down");
        redis.restart();
        post(10, "redis-up");
        converge();
    }

    @Test
    @Order(3)
    void restartingTheKafkaBrokerLosesNothing() {
        kafka.kill();
        post(10, "kafka-down");
        kafka.restart();
        post(10, "kafka-up");
        converge();
    }

    @Test
    @Order(4)
    void killingMessagingRightAfterAcknowledgementsLosesNothing() {
        post(20, "before-messaging-kill");
        messaging.kill();
        messaging.restart().awaitReady(Duration.ofSeconds(120));
        post(5, "after-messaging-restart");
        converge();
        JsonNode history = team.get(0).api().ok("conversations.history", "channel", channel, "limit", "999");
        String all = history.path("messages").toString();
        for (String text : acknowledged) {
            assertThat(all).contains("\"" + text + "\"");
        }
    }

    @Test
    @Order(5)
    void aClientOfflineForAWhileCatchesUp() {
        clients.get(5).close();
        post(30, "while-offline");
        reconnect(5, gatewayA);
        converge();
    }

    @Test
    @Order(6)
    void aSlowClientIsClosedAndCatchesUpByResuming() {
        TrackedSocket slow = clients.get(3);
        slow.pause();
        // Large messages fill the loopback buffers and then the gateway's queue for this socket (1 MB here).
        SlackClient poster = team.get(0).api().withBase(gatewayA.baseUrl());
        String big = "y".repeat(30_000);
        for (int i = 0; i < 400 && !slow.isClosed(); i++) {
            String text = "bulk " + i + " " + big;
            if (poster.call("chat.postMessage", "channel", channel, "text", text).path("ok").asBoolean()) {
                acknowledged.add(text);
            }
        }
        slow.unpause();
        assertThat(slow.awaitClose(Duration.ofSeconds(60))).isIn(4003, 1006);
        reconnect(3, gatewayB);
        converge();
    }

    @Test
    @Order(7)
    void aClientThatConnectsDuringAKickGetsEverythingUpToItAndNothingAfter() throws Exception {
        int kicked = 4;
        String lobby = team.get(0).api().ok("conversations.create", "name", "lobby").path("channel").path("id").asString();
        team.get(kicked).api().ok("conversations.join", "channel", lobby);
        TrackedSocket client = clients.get(kicked);
        client.close();
        post(5, "before-kick");
        Thread kick = Thread.ofVirtual().start(() ->
                team.get(0).api().ok("conversations.kick", "channel", channel, "user", team.get(kicked).id()));
        reconnect(kicked, gatewayA);
        kick.join();
        List<String> beforeKick = List.copyOf(acknowledged);
        clients.remove(kicked);
        post(5, "after-kick");
        converge();
        // Fence: a later message in a channel the kicked user is still in.
        team.get(0).api().ok("chat.postMessage", "channel", lobby, "text", "lobby fence");
        TrackedSocket.await(() -> client.texts(lobby).contains("lobby fence"), CONVERGE, "the lobby fence");
        assertThat(client.violations()).isEmpty();
        assertThat(client.texts(channel)).containsAll(beforeKick).doesNotHaveDuplicates()
                .noneMatch(t -> t.startsWith("after-kick"));
        assertThat(client.events(channel).getLast().path("type").asString()).isIn("member_left_channel", "message");
        assertThat(client.events(channel)).anyMatch(f -> "member_left_channel".equals(f.path("type").asString(""))
                && team.get(kicked).id().equals(f.path("user").asString("")));
        client.close(); // no longer in the channel the later checks are about
    }

    @Test
    @Order(8)
    void aGatewayShuttingDownSendsItsClientsElsewhereAndTheyLoseNothing() throws Exception {
        List<TrackedSocket> onB = clients.stream().filter(c -> c.url().equals(gatewayB.wsUrl()) && !c.isClosed()).toList();
        assertThat(onB).isNotEmpty();
        Thread poster = Thread.ofVirtual().start(() -> post(30, "during-shutdown", gatewayA));
        TrackedSocket.await(() -> acknowledged.stream().anyMatch(t -> t.startsWith("during-shutdown")),
                Duration.ofSeconds(30), "posting to get going");
        gatewayB.close(); // SIGTERM: a graceful stop
        for (TrackedSocket client : onB) {
            assertThat(client.awaitClose(Duration.ofSeconds(30))).isEqualTo(1001);
            assertThat(client.toldGoodbye()).isTrue();
        }
        poster.join();
        converge();
        gatewayB.restart().awaitReady(Duration.ofSeconds(120));
    }
}
