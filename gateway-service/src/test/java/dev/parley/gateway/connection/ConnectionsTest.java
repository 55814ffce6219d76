package dev.parley.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.auth.Caller;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.ChannelEvent.Routing;
import dev.parley.common.event.UserEvents;
import dev.parley.common.event.WorkspaceEvents;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.inprocess.InProcessPubSub;
import dev.parley.gateway.fanout.Fanout;
import dev.parley.gateway.testing.FrameLog;
import dev.parley.gateway.testing.InMemoryChannelClient;
import dev.parley.gateway.testing.TestSettings;
import dev.parley.gateway.testing.TestSockets;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's delivery of both streams to sockets: real pub/sub (in process), real loopback sockets, and the
 * channel service's stream contract in memory.
 */
class ConnectionsTest {

    private static final String WS = "T1";

    private final InProcessPubSub pubSub = new InProcessPubSub();
    private final InMemoryChannelClient store = new InMemoryChannelClient();
    private final UserEvents userEvents = new UserEvents(pubSub);
    private final TestSockets sockets = new TestSockets();
    private final AtomicInteger fences = new AtomicInteger();
    private final Connections connections = TestConnections.create(pubSub, store, TestSettings.defaults().build());
    private long maxQueued = TestSettings.defaults().build().maxQueuedBytes();

    /** A registered socket: the gateway's connection and what its client received. */
    private record Socket(Connection connection, TestSockets.Pair pair) {
        FrameLog frames() {
            return pair.frames();
        }
    }

    @AfterEach
    void stop() {
        connections.stop();
        sockets.close();
    }

    // ---- the channel stream ----

    @Test
    void eventsReachEveryMemberInOrderWithTheirSeq() {
        store.createChannel(WS, "C1", "U1", "U2");
        Socket a = open(WS, "U1");
        Socket b = open(WS, "U2");

        for (int i = 0; i < 5; i++) {
            post("C1");
        }

        for (Socket s : List.of(a, b)) {
            List<JsonNode> got = s.frames().until(f -> seq(f) == 5);
            assertThat(seqs(got, "C1")).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(got.getFirst().path("text").asString()).isEqualTo("C1 #1");
            assertThat(untilFence(s)).isEmpty();
        }
    }

    @Test
    void aDuplicateIsDropped() {
        store.createChannel(WS, "C1", "U1");
        Socket a = open(WS, "U1");

        post("C1");
        ChannelEvent second = post("C1");
        publish(second);
        publish(second);
        post("C1");

        assertThat(seqs(untilFence(a), "C1")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anEventThatOvertakesTheOneBeforeItWaitsForIt() {
        store.createChannel(WS, "C1", "U1");
        Socket a = open(WS, "U1");
        post("C1");
        ChannelEvent second = store.append("C1", Routing.MEMBERS);
        ChannelEvent third = store.append("C1", Routing.MEMBERS);

        publish(third);
        publish(second);

        assertThat(seqs(a.frames().until(f -> seq(f) == 3), "C1")).containsExactly(1L, 2L, 3L);
        post("C1");
        assertThat(seqs(untilFence(a), "C1")).containsExactly(4L);
        assertThat(store.eventsCalls()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aLostEventIsReadFromTheStoreOnceForTheGatewayNotOncePerSocket() {
        store.createChannel(WS, "C1", "U1", "U2", "U3");
        List<Socket> all = List.of(open(WS, "U1"), open(WS, "U1"), open(WS, "U2"), open(WS, "U3"));
        post("C1");
        store.append("C1", Routing.MEMBERS);
        post("C1");

        for (Socket s : all) {
            assertThat(seqs(s.frames().until(f -> seq(f) == 3), "C1")).containsExactly(1L, 2L, 3L);
        }
        post("C1");
        for (Socket s : all) {
            assertThat(seqs(untilFence(s), "C1")).containsExactly(4L);
        }
        assertThat(store.eventsCalls(null)).isEqualTo(1);
        assertThat(store.eventsCalls()).hasSize(1);
    }

    @Test
    void aLostEventWithNothingAfterItIsFoundBySync() {
        store.createChannel(WS, "C1", "U1");
        Socket a = open(WS, "U1");
        post("C1");
        store.append("C1", Routing.MEMBERS);
        assertThat(seqs(untilFence(a), "C1")).containsExactly(1L);

        connections.sync();

        assertThat(seqs(a.frames().until(f -> seq(f) == 2), "C1")).containsExactly(2L);
        assertThat(untilFence(a)).isEmpty();
    }

    @Test
    void aJoiningSocketFollowsFromItsJoinAndALeavingOneStopsAfterItsLeave() {
        store.createChannel(WS, "C1", "U1");
        Socket a = open(WS, "U1");
        Socket b = open(WS, "U2");

        post("C1");
        post("C1", Routing.MEMBERS.joining(List.of("U2")));
        post("C1");
        post("C1", Routing.MEMBERS.leaving(List.of("U2")));
        post("C1");

        assertThat(seqs(untilFence(a), "C1")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(seqs(untilFence(b), "C1")).containsExactly(2L, 3L, 4L);
        assertThat(b.connection().follows("C1")).isFalse();
    }

    @Test
    void aJoinReachesTheJoinerEvenWhenNoSocketHereFollowedTheChannel() {
        store.createChannel(WS, "C2", "U1");
        Socket b = open(WS, "U2");
        post("C2");
        post("C2");

        post("C2", Routing.MEMBERS.joining(List.of("U2")));
        post("C2");

        assertThat(seqs(untilFence(b), "C2")).containsExactly(3L, 4L);
    }

    @Test
    void anEventForSomeUsersReachesOnlyThemAndMovesTheOthersOnWithoutACatchUp() {
        store.createChannel(WS, "C1", "U1", "U2");
        Socket a = open(WS, "U1");
        Socket b = open(WS, "U2");
        Socket c = open(WS, "U3");

        post("C1");
        post("C1", Routing.users(List.of("U1", "U3")));
        post("C1");

        assertThat(seqs(untilFence(a), "C1")).containsExactly(1L, 2L, 3L);
        assertThat(seqs(untilFence(b), "C1")).containsExactly(1L, 3L);
        assertThat(seqs(untilFence(c), "C1")).as("named, though not a member").containsExactly(2L);
        assertThat(store.eventsCalls()).isEmpty();
    }

    @Test
    void aWorkspaceEventReachesEverySocketOfTheWorkspaceOnce() {
        store.createChannel(WS, "C1", "U1");
        store.createChannel(WS, "C9");
        store.createChannel("T2", "C20", "U9");
        Socket a = open(WS, "U1");
        Socket b = open(WS, "U2");
        Socket elsewhere = open("T2", "U9");

        post("C9", Routing.WORKSPACE);
        post("C1");
        post("C1", Routing.WORKSPACE);

        List<JsonNode> got = untilFence(a);
        assertThat(seqs(got, "C9")).containsExactly(1L);
        assertThat(seqs(got, "C1")).containsExactly(1L, 2L);
        List<JsonNode> other = untilFence(b);
        assertThat(seqs(other, "C9")).containsExactly(1L);
        assertThat(seqs(other, "C1")).containsExactly(2L);
        assertThat(untilFence(elsewhere)).isEmpty();
    }

    @Test
    void aWorkspaceWideLiveEventReachesEverySocketOfThatWorkspaceOnly() {
        Socket a = open(WS, "U1");
        Socket a2 = open(WS, "U1");
        Socket b = open(WS, "U2");
        Socket elsewhere = open("T2", "U9");

        new WorkspaceEvents(pubSub).deliver(WS, "{\"type\":\"user_change\",\"user\":{\"id\":\"U2\"}}");

        for (Socket s : List.of(a, a2, b)) {
            assertThat(untilFence(s)).extracting(f -> f.path("type").asString()).containsExactly("user_change");
        }
        assertThat(untilFence(elsewhere)).isEmpty();
    }

    @Test
    void aWorkspaceEventReachesAGuestOnlyInAChannelItIsIn() {
        store.createChannel(WS, "C1", "U1", "G1");
        store.createChannel(WS, "C9", "U1");
        Socket member = open(WS, "U1");
        Socket guest = register(WS, "G1", "guest", false, 0);
        assertThat(connections.start(guest.connection(), Map.of())).isEmpty();

        post("C9", Routing.WORKSPACE);
        post("C1", Routing.WORKSPACE);

        assertThat(seqs(untilFence(member), "C9")).containsExactly(1L);
        List<JsonNode> got = untilFence(guest);
        assertThat(seqs(got, "C1")).containsExactly(1L);
        assertThat(got).noneMatch(f -> f.toString().contains("C9"));
    }

    // ---- starting and resuming ----

    @Test
    void resumeReplaysExactlyTheMissedEventsBeforeNewerLiveOnes() throws Exception {
        store.createChannel(WS, "C1", "U1", "U2");
        Socket b = open(WS, "U2");
        for (int i = 0; i < 5; i++) {
            post("C1");
        }
        assertThat(seqs(untilFence(b), "C1")).hasSize(5);
        Socket a = register(WS, "U1", true);
        InMemoryChannelClient.Gate replay = store.hold(q -> "U1".equals(q.userId()));

        CompletableFuture<Map<String, String>> started =
                CompletableFuture.supplyAsync(() -> connections.start(a.connection(), Map.of("C1", 2L)));
        replay.awaitHeld();
        post("C1");
        post("C1");
        replay.open();

        assertThat(started.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(seqs(a.frames().until(f -> seq(f) == 7), "C1")).containsExactly(3L, 4L, 5L, 6L, 7L);
        post("C1");
        assertThat(seqs(untilFence(a), "C1")).containsExactly(8L);
    }

    @Test
    void resumeReportsEachChannelItCannotReplayAndGoesLiveEverywhereElse() {
        store.createChannel(WS, "C1", "U1");
        append("C1", 5);
        store.createChannel(WS, "C2", "U2");
        append("C2", 2);
        store.createChannel(WS, "C3", "U1");
        append("C3", 6);
        store.trimThrough("C3", 4);
        store.createChannel(WS, "C4", "U1", "U2");
        append("C4", 2);
        store.append("C4", Routing.MEMBERS.leaving(List.of("U1")));
        append("C4", 1);
        store.createChannel(WS, "C5", "U1");
        append("C5", 3);
        Socket a = register(WS, "U1", true);

        Map<String, String> refused = connections.start(a.connection(),
                Map.of("C1", 9L, "C2", 1L, "C3", 1L, "C4", 1L, "C5", 3L));

        assertThat(refused).containsExactlyInAnyOrderEntriesOf(Map.of(
                "C1", "invalid_cursor", "C2", "channel_not_found", "C3", "resync_required"));
        for (String channel : List.of("C1", "C2", "C3", "C4", "C5")) {
            post(channel);
        }
        List<JsonNode> got = untilFence(a);
        assertThat(seqs(got, "C1")).as("live from the head after an invalid cursor").containsExactly(6L);
        assertThat(seqs(got, "C2")).isEmpty();
        assertThat(got).anySatisfy(f -> {
            assertThat(f.path("type").asString()).isEqualTo("error");
            assertThat(f.path("channel").asString()).isEqualTo("C3");
            assertThat(f.path("error").path("msg").asString()).isEqualTo("resync_required");
        });
        assertThat(seqs(got, "C3")).as("live after the resync hint").containsExactly(7L);
        assertThat(seqs(got, "C4")).as("up to the socket's own leaving").containsExactly(2L, 3L);
        assertThat(seqs(got, "C5")).containsExactly(4L);
    }

    @Test
    void aCatchUpGoesOnPastPagesOfEventsMeantForOthers() {
        store.createChannel(WS, "C1", "U1", "U2");
        for (int i = 0; i < Connections.PAGE + 50; i++) {
            store.append("C1", Routing.users(List.of("U2")));
        }
        store.append("C1", Routing.MEMBERS);
        Socket a = register(WS, "U1", true);

        assertThat(connections.start(a.connection(), Map.of("C1", 0L))).isEmpty();

        post("C1");
        assertThat(seqs(untilFence(a), "C1")).containsExactly(Connections.PAGE + 51L, Connections.PAGE + 52L);
        assertThat(store.eventsCalls("U1")).isLessThanOrEqualTo(3);
    }

    @Test
    void aChannelJoinedWhileTheSocketResumesIsFollowed() {
        store.createChannel(WS, "C1", "U1");
        store.createChannel(WS, "C2", "U2");
        Socket a = register(WS, "U1", true);
        // The join commits right after the socket's channels were read, before the resume is done.
        store.afterNextMemberChannels(() -> post("C2", Routing.MEMBERS.joining(List.of("U1"))));

        connections.start(a.connection(), Map.of("C1", 0L));
        post("C2");

        assertThat(seqs(untilFence(a), "C2")).containsExactly(1L, 2L);
    }

    @Test
    void aSocketWaitingToResumeGetsNoChannelEventsUntilItStarts() {
        store.createChannel(WS, "C1", "U1");
        Socket a = register(WS, "U1", true);

        post("C1");
        post("C1", Routing.MEMBERS.joining(List.of("U1")));
        assertThat(untilFence(a)).isEmpty();

        connections.start(a.connection(), Map.of("C1", 0L));
        assertThat(seqs(untilFence(a), "C1")).containsExactly(1L, 2L);
    }

    @Test
    void aSocketStartingWhileAnEventIsOnItsWayCatchesUpWithTheGateway() {
        store.createChannel(WS, "C1", "U1", "U2");
        Socket b = open(WS, "U2");
        post("C1");
        Socket a = register(WS, "U1", false);
        store.afterNextMemberChannels(() -> post("C1"));

        connections.start(a.connection(), Map.of());

        assertThat(seqs(a.frames().until(f -> seq(f) == 2), "C1")).containsExactly(2L);
        post("C1");
        assertThat(seqs(untilFence(a), "C1")).containsExactly(3L);
        assertThat(seqs(untilFence(b), "C1")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aSocketStartingWhileAnEventIsOnItsWayToNoOtherFollowerGetsItAtTheNextSync() {
        store.createChannel(WS, "C1", "U1");
        Socket a = register(WS, "U1", false);
        store.afterNextMemberChannels(() -> post("C1"));

        connections.start(a.connection(), Map.of());
        connections.sync();

        assertThat(seqs(a.frames().until(f -> seq(f) == 1), "C1")).containsExactly(1L);
    }

    @Test
    void anUnregisteredSocketGetsNothingMoreAndItsUsersOtherSocketStillGetsEverything() {
        store.createChannel(WS, "C1", "U1");
        Socket gone = open(WS, "U1");
        Socket kept = open(WS, "U1");

        connections.unregister(gone.connection());
        post("C1");
        userEvents.deliver(WS, List.of("U1"), "{\"type\":\"pref_change\"}");

        List<JsonNode> got = untilFence(kept);
        assertThat(seqs(got, "C1")).containsExactly(1L);
        assertThat(got).extracting(f -> f.path("type").asString()).contains("pref_change");
        gone.pair().server().writeAndFlush(new TextWebSocketFrame("{\"type\":\"fence\"}")).syncUninterruptibly();
        assertThat(gone.frames().nextJson().path("type").asString()).isEqualTo("fence");
    }

    @Test
    void aWorkspaceWhoseLastSocketLeftIsListenedToAgainByTheNextOne() {
        store.createChannel(WS, "C1", "U1");
        connections.unregister(open(WS, "U1").connection());
        assertThat(connections.size()).isZero();

        Socket again = open(WS, "U1");
        post("C1");

        assertThat(seqs(untilFence(again), "C1")).containsExactly(1L);
    }

    // ---- the user stream ----

    @Test
    void aUserEventReachesEverySocketOfThatUserAndNoOtherUser() {
        store.createChannel(WS, "C1", "U1", "U2");
        Socket a1 = open(WS, "U1");
        Socket a2 = open(WS, "U1");
        Socket b = open(WS, "U2");

        userEvents.deliver(WS, List.of("U1"), "{\"type\":\"pref_change\",\"name\":\"theme\"}");

        for (Socket s : List.of(a1, a2)) {
            assertThat(untilFence(s)).singleElement()
                    .satisfies(f -> assertThat(f.path("type").asString()).isEqualTo("pref_change"));
        }
        assertThat(untilFence(b)).isEmpty();
    }

    @Test
    void revokingAUserClosesTheirSocketsWith4002AndNoOneElses() {
        store.createChannel(WS, "C1", "U1", "U2");
        Socket a1 = open(WS, "U1");
        Socket a2 = open(WS, "U1");
        Socket b = open(WS, "U2");

        userEvents.revoke(WS, "U1");

        for (Socket s : List.of(a1, a2)) {
            FrameLog.Frame last = s.frames().untilClosed().getLast();
            assertThat(last.kind()).isEqualTo(FrameLog.Kind.CLOSE);
            assertThat(last.closeCode()).isEqualTo(Connection.CLOSE_REVOKED);
        }
        post("C1");
        assertThat(seqs(untilFence(b), "C1")).containsExactly(1L);
    }

    // ---- a slow socket ----

    @Test
    void aSocketThatStopsReadingIsClosedWith4003AndTheOthersGetEverything() {
        store.createChannel(WS, "C1", "U1", "U2");
        maxQueued = 64 * 1024;
        Socket slow = open(WS, "U1", 4096);
        // The reading socket may hold all 300 KB queued: on a busy machine its reader can lag behind the burst, and
        // the test is about the socket that stops reading, not about how fast this one is read.
        maxQueued = 1024 * 1024;
        Socket fast = open(WS, "U2");
        slow.pair().stopReading();

        String padding = "x".repeat(1000);
        for (int i = 0; i < 300; i++) {
            publish(store.append("C1", "message", Routing.MEMBERS, padding));
        }

        assertThat(seqs(fast.frames().until(f -> seq(f) == 300), "C1"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
        assertThat(slow.connection().isOpen()).isFalse();
        slow.pair().resumeReading();
        List<FrameLog.Frame> frames = slow.frames().untilClosed();
        List<Long> delivered = frames.stream().filter(f -> f.kind() == FrameLog.Kind.TEXT).map(f -> seq(f.json())).toList();
        assertThat(delivered).as("a gapless prefix, then nothing").isNotEmpty().hasSizeLessThan(300)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, delivered.size()).boxed().toList());
        assertThat(frames.getLast().kind()).isEqualTo(FrameLog.Kind.CLOSE);
        assertThat(frames.getLast().closeCode()).isEqualTo(Connection.CLOSE_TOO_SLOW);
    }

    // ---- helpers ----

    private Socket register(String workspaceId, String userId, boolean holding) {
        return register(workspaceId, userId, holding, 0);
    }

    private Socket register(String workspaceId, String userId, boolean holding, int bufferBytes) {
        return register(workspaceId, userId, "member", holding, bufferBytes);
    }

    private Socket register(String workspaceId, String userId, String role, boolean holding, int bufferBytes) {
        TestSockets.Pair pair = sockets.open(bufferBytes);
        Connection connection = new Connection(pair.server(), new Caller(workspaceId, userId, role), Long.MAX_VALUE,
                maxQueued, holding);
        connections.register(connection);
        return new Socket(connection, pair);
    }

    private Socket open(String workspaceId, String userId) {
        return open(workspaceId, userId, 0);
    }

    private Socket open(String workspaceId, String userId, int bufferBytes) {
        Socket socket = register(workspaceId, userId, false, bufferBytes);
        assertThat(connections.start(socket.connection(), Map.of())).isEmpty();
        return socket;
    }

    private ChannelEvent post(String channelId) {
        return post(channelId, Routing.MEMBERS);
    }

    private ChannelEvent post(String channelId, Routing routing) {
        ChannelEvent event = store.append(channelId, routing);
        publish(event);
        return event;
    }

    private void append(String channelId, int count) {
        for (int i = 0; i < count; i++) {
            store.append(channelId, Routing.MEMBERS);
        }
    }

    private void publish(ChannelEvent event) {
        pubSub.publish(Fanout.topic(event.workspaceId()), SlackJson.write(event));
    }

    /**
     * Sends the socket's user a marker on the user stream and returns what the socket received before it. Whatever
     * the gateway sent the socket earlier has arrived by then, so what is missing here was never sent.
     */
    private List<JsonNode> untilFence(Socket socket) {
        String marker = "fence-" + fences.incrementAndGet();
        userEvents.deliver(socket.connection().workspaceId(), List.of(socket.connection().userId()),
                "{\"type\":\"fence\",\"id\":\"" + marker + "\"}");
        List<JsonNode> seen = socket.frames().until(f -> marker.equals(f.path("id").asString()));
        // Earlier fences of the same user (sent for its other sockets) are not news either.
        return seen.stream().filter(f -> !"fence".equals(f.path("type").asString())).toList();
    }

    private static long seq(JsonNode frame) {
        return frame.path("seq").asLong(-1);
    }

    private static List<Long> seqs(List<JsonNode> frames, String channelId) {
        return frames.stream().filter(f -> channelId.equals(f.path("channel").asString()) && f.has("seq"))
                .map(ConnectionsTest::seq).toList();
    }
}
