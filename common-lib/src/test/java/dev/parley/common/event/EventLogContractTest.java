package dev.parley.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EventLog} adapter must do; each adapter's test extends this. */
public abstract class EventLogContractTest {

    private EventLog log;
    private final List<EventLog.Subscription> subscriptions = new ArrayList<>();

    /** A fresh event log; groups are unique per test, so adapters with retention need no cleanup between tests. */
    protected abstract EventLog createEventLog();

    @BeforeEach
    void open() {
        log = createEventLog();
    }

    @AfterEach
    void closeAll() throws Exception {
        subscriptions.forEach(EventLog.Subscription::close);
        if (log instanceof AutoCloseable c) {
            c.close();
        }
    }

    private String group() {
        return "test-" + UUID.randomUUID();
    }

    private EventLog.Subscription subscribe(String group, java.util.function.Consumer<ChannelEvent> handler) {
        EventLog.Subscription s = log.subscribe(group, handler);
        subscriptions.add(s);
        return s;
    }

    private static List<ChannelEvent> events(String channel, int from, int count) {
        List<ChannelEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            // Some events carry routing, which must survive the trip through the log unchanged.
            ChannelEvent.Routing routing = i % 3 == 0
                    ? ChannelEvent.Routing.users(List.of("U" + i)).joining(List.of("U" + i)).leaving(List.of("U0"))
                    : ChannelEvent.Routing.MEMBERS;
            events.add(new ChannelEvent("T1", channel, i, "message", "{\"type\":\"message\",\"text\":\"" + i + "\"}",
                    routing));
        }
        return events;
    }

    /** Blocks until the subscription is live, by publishing probes on a channel of its own until one arrives. */
    private void awaitLive(Map<String, List<ChannelEvent>> received) {
        String probe = "CPROBE" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            log.publish(events(probe, 0, 1));
            return received.containsKey(probe);
        });
    }

    @Test
    void deliversEveryEventOfAChannelInSequenceOrder() {
        Map<String, List<ChannelEvent>> received = new ConcurrentHashMap<>();
        subscribe(group(), e -> received.computeIfAbsent(e.channelId(), c -> new CopyOnWriteArrayList<>()).add(e));
        awaitLive(received);

        List<ChannelEvent> sent = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            for (String channel : List.of("CA", "CB", "CC")) {
                List<ChannelEvent> events = events(channel, batch * 20, 20);
                log.publish(events);
                sent.addAll(events);
            }
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String channel : List.of("CA", "CB", "CC")) {
                assertThat(received.get(channel)).extracting(ChannelEvent::seq)
                        .containsExactlyElementsOf(sent.stream().filter(e -> e.channelId().equals(channel))
                                .map(ChannelEvent::seq).toList());
            }
        });
        assertThat(received.get("CA")).containsExactlyElementsOf(
                sent.stream().filter(e -> e.channelId().equals("CA")).toList());
    }

    @Test
    void everyGroupReceivesEveryEvent() {
        Map<String, List<ChannelEvent>> first = new ConcurrentHashMap<>();
        Map<String, List<ChannelEvent>> second = new ConcurrentHashMap<>();
        subscribe(group(), e -> first.computeIfAbsent(e.channelId(), c -> new CopyOnWriteArrayList<>()).add(e));
        subscribe(group(), e -> second.computeIfAbsent(e.channelId(), c -> new CopyOnWriteArrayList<>()).add(e));
        awaitLive(first);
        awaitLive(second);

        log.publish(events("CX", 1, 50));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(first.getOrDefault("CX", List.of())).hasSize(50);
            assertThat(second.getOrDefault("CX", List.of())).hasSize(50);
        });
    }

    @Test
    void membersOfOneGroupShareTheEventsAndKeepEachChannelOnOneMember() {
        String group = group();
        Map<String, List<ChannelEvent>> a = new ConcurrentHashMap<>();
        Map<String, List<ChannelEvent>> b = new ConcurrentHashMap<>();
        subscribe(group, e -> a.computeIfAbsent(e.channelId(), c -> new CopyOnWriteArrayList<>()).add(e));
        subscribe(group, e -> b.computeIfAbsent(e.channelId(), c -> new CopyOnWriteArrayList<>()).add(e));
        Map<String, List<ChannelEvent>> both = new ConcurrentHashMap<>();
        // Probe until both members are live: each probe channel lands on one member or the other.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            log.publish(events("CPROBE" + UUID.randomUUID(), 0, 1));
            return !a.isEmpty() && !b.isEmpty();
        });
        int probes = a.size() + b.size();

        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            channels.add("CG" + i);
            log.publish(events("CG" + i, 1, 10));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            both.clear();
            a.forEach((k, v) -> both.merge(k, v, (x, y) -> { List<ChannelEvent> m = new ArrayList<>(x); m.addAll(y); return m; }));
            b.forEach((k, v) -> both.merge(k, v, (x, y) -> { List<ChannelEvent> m = new ArrayList<>(x); m.addAll(y); return m; }));
            for (String channel : channels) {
                assertThat(both.get(channel)).extracting(ChannelEvent::seq)
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            }
        });
        assertThat(probes).isGreaterThanOrEqualTo(2);
        for (String channel : channels) {
            assertThat(a.containsKey(channel) && b.containsKey(channel)).as("channel %s split across members", channel)
                    .isFalse();
        }
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        Map<String, List<ChannelEvent>> received = new ConcurrentHashMap<>();
        EventLog.Subscription s = subscribe(group(), e -> received.computeIfAbsent(e.channelId(), c -> new CopyOnWriteArrayList<>()).add(e));
        awaitLive(received);
        s.close();

        log.publish(events("CZ", 1, 5));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !received.containsKey("CZ"));
    }
}
