package dev.parley.presence.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.common.testing.TestStore;
import dev.parley.presence.client.PresenceClient;
import dev.parley.presence.client.PresenceClient.Beat;
import dev.parley.presence.client.PresenceClient.Disconnect;
import dev.parley.presence.client.PresenceClient.Heartbeats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Presence computed from heartbeats on every TtlKeys and PubSub adapter: devices, manual away, inactivity, expiry,
 * and exactly one {@code presence_change} per change. Durations are short so expiry is observed, never slept on.
 */
abstract class PresenceServiceTest {

    private static final Duration AWAY_AFTER = Duration.ofSeconds(6);
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(3);
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(100);
    private static final Duration NO_EVENT_WINDOW = Duration.ofMillis(300);

    protected abstract TtlKeys keys();

    protected abstract PubSub pubSub();

    /** One presence process: its own service and sweep over the shared keys, pub/sub and store. */
    private record Instance(PresenceService service, PresenceSweep sweep) {
    }

    private final List<Instance> instances = new ArrayList<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final String workspace = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    private TestStore store;
    private PubSub.Subscription subscription;
    private PresenceService presence;

    @BeforeEach
    void open() {
        store = TestStore.h2("presence");
        presence = startInstance().service();
        subscription = pubSub().subscribe(PresenceClient.topic(workspace), events::add);
    }

    @AfterEach
    void close() {
        subscription.close();
        instances.forEach(i -> i.sweep().stop());
        store.close();
    }

    private Instance startInstance() {
        PresenceProperties properties = new PresenceProperties(AWAY_AFTER, OFFLINE_AFTER, SWEEP_INTERVAL);
        PresenceService service = new PresenceService(new BeatStore(keys(), properties),
                new PresenceRepository(store.jdbc()), keys(), pubSub(), properties);
        PresenceSweep sweep = new PresenceSweep(service, keys(), properties);
        sweep.start();
        Instance instance = new Instance(service, sweep);
        instances.add(instance);
        return instance;
    }

    private void beat(PresenceService via, String gateway, Beat... beats) {
        via.heartbeat(new Heartbeats(gateway, Arrays.asList(beats)));
    }

    private Beat activeNow(String user, int connections) {
        return new Beat(workspace, user, connections, System.currentTimeMillis());
    }

    private Beat idleSince(String user, Duration ago) {
        return new Beat(workspace, user, 1, System.currentTimeMillis() - ago.toMillis());
    }

    private void expectEvent(String user, String presence) throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a presence_change of %s to %s", user, presence).isNotNull();
        assertThat(SlackJson.read(event, Map.class))
                .isEqualTo(Map.of("type", "presence_change", "user", user, "presence", presence));
    }

    private void expectNoEvent() throws InterruptedException {
        assertThat(events.poll(NO_EVENT_WINDOW.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aHeartbeatMakesAUserActiveOnceAndRepeatedHeartbeatsChangeNothing() throws Exception {
        beat(presence, "g1", activeNow("U1", 1));
        expectEvent("U1", "active");
        assertThat(presence.presence(workspace, "U1"))
                .returns(true, Presence::online).returns(1, Presence::connectionCount).returns("active", Presence::presence);

        beat(presence, "g1", activeNow("U1", 2));
        beat(presence, "g1", activeNow("U1", 2));
        expectNoEvent();
        assertThat(presence.presence(workspace, "U1").connectionCount()).isEqualTo(2);

        // Fence: the next change is the next event, so no duplicate "active" was waiting behind the window.
        presence.setManualAway(workspace, "U1", true);
        expectEvent("U1", "away");
    }

    @Test
    void aUserWithSeveralDevicesIsActiveWhileAnyOneIs() throws Exception {
        beat(presence, "g1", activeNow("U1", 1));
        beat(presence, "g2", idleSince("U1", Duration.ofMinutes(30)));
        expectEvent("U1", "active");
        Presence both = presence.presence(workspace, "U1");
        assertThat(both.connectionCount()).isEqualTo(2);
        assertThat(both.lastActivityMillis()).isGreaterThan(System.currentTimeMillis() - 10_000);

        presence.disconnected(new Disconnect("g2", workspace, "U1"));
        expectNoEvent();
        assertThat(presence.presence(workspace, "U1").connectionCount()).isEqualTo(1);

        beat(presence, "g2", idleSince("U1", Duration.ofMinutes(30)));
        presence.disconnected(new Disconnect("g1", workspace, "U1"));
        expectEvent("U1", "away");
        assertThat(presence.presence(workspace, "U1"))
                .returns(true, Presence::online).returns(true, Presence::autoAway).returns(1, Presence::connectionCount);

        beat(presence, "g2", activeNow("U1", 1));
        expectEvent("U1", "active");
    }

    @Test
    void manualAwayHoldsAgainstActivityUntilSetBackToAuto() throws Exception {
        beat(presence, "g1", activeNow("U1", 1));
        expectEvent("U1", "active");

        presence.setManualAway(workspace, "U1", true);
        expectEvent("U1", "away");
        beat(presence, "g1", activeNow("U1", 1));
        presence.setManualAway(workspace, "U1", true);
        expectNoEvent();
        assertThat(presence.presence(workspace, "U1"))
                .returns(true, Presence::manualAway).returns(false, Presence::autoAway).returns("away", Presence::presence);

        presence.setManualAway(workspace, "U1", false);
        expectEvent("U1", "active");
    }

    @Test
    void anIdleUserTurnsAwayWhenTheirActivityAgesPastAwayAfter() throws Exception {
        Beat idle = idleSince("U1", AWAY_AFTER.minusMillis(1500));
        beat(presence, "g1", idle);
        expectEvent("U1", "active");

        expectEvent("U1", "away"); // noticed by the sweep, with no new heartbeat
        assertThat(presence.presence(workspace, "U1"))
                .returns(true, Presence::online).returns(true, Presence::autoAway);

        beat(presence, "g1", idle);
        expectNoEvent();
        beat(presence, "g1", activeNow("U1", 1));
        expectEvent("U1", "active");
    }

    @Test
    void aUserGoesOfflineWhenTheirHeartbeatsExpire() throws Exception {
        long start = System.nanoTime();
        beat(presence, "g1", activeNow("U1", 1), activeNow("U2", 3));
        List<String> first = List.of(events.poll(10, TimeUnit.SECONDS), events.poll(10, TimeUnit.SECONDS));
        assertThat(first).extracting(e -> SlackJson.read(e, Map.class).get("user")).containsExactlyInAnyOrder("U1", "U2");

        // U2's gateway keeps reporting U2, and only U2.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            beat(presence, "g1", activeNow("U2", 3));
            return !presence.presence(workspace, "U1").online();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("offline, not idle").isLessThan(AWAY_AFTER);
        expectEvent("U1", "away");
        assertThat(presence.presence(workspace, "U1"))
                .returns(0, Presence::connectionCount).returns(0L, Presence::lastActivityMillis);
        assertThat(presence.presence(workspace, "U2").online()).isTrue();

        expectEvent("U2", "away"); // once its gateway stops reporting too
        assertThat(presence.presence(workspace, "U2").online()).isFalse();
    }

    @Test
    void theLastDisconnectIsOfflineAtOnce() throws Exception {
        beat(presence, "g1", activeNow("U1", 1));
        expectEvent("U1", "active");

        presence.disconnected(new Disconnect("g1", workspace, "U1"));
        assertThat(presence.presence(workspace, "U1").online()).isFalse();
        expectEvent("U1", "away");

        presence.disconnected(new Disconnect("g1", workspace, "U1"));
        beat(presence, "g1", new Beat(workspace, "U1", 0, System.currentTimeMillis()));
        expectNoEvent();
        beat(presence, "g1", activeNow("U1", 1));
        expectEvent("U1", "active");
    }

    @Test
    void severalPresenceProcessesPublishEachChangeOnce() throws Exception {
        PresenceService other = startInstance().service();
        beat(presence, "g1", activeNow("U1", 1));
        expectEvent("U1", "active");
        beat(other, "g2", activeNow("U1", 1));
        assertThat(other.presence(workspace, "U1").connectionCount()).isEqualTo(2);
        expectNoEvent();

        // Both processes sweep for the expiry; one event comes of it.
        expectEvent("U1", "away");
        expectNoEvent();
        beat(other, "g2", activeNow("U1", 1));
        expectEvent("U1", "active");
    }

    @Test
    void unusableReportsAreIgnored() throws Exception {
        presence.heartbeat(null);
        presence.heartbeat(new Heartbeats(null, List.of(activeNow("U1", 1))));
        presence.heartbeat(new Heartbeats(" ", List.of(activeNow("U1", 1))));
        presence.heartbeat(new Heartbeats("g1", null));
        beat(presence, "g1", new Beat(workspace, "U:1", 1, System.currentTimeMillis()), null,
                new Beat(null, "U1", 1, System.currentTimeMillis()));
        presence.disconnected(new Disconnect(null, workspace, "U1"));
        expectNoEvent();

        beat(presence, "g1", activeNow("U1", 1));
        expectEvent("U1", "active");
    }
}
