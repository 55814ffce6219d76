package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of the standalone server loses no message it acknowledged and, after restart, stores none twice; the search
 * index, fed in-process and so missing what was in flight at the kill, catches up with every stored message.
 */
class StandaloneCrashIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int POSTERS = 4;

    private static ParleyProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("parley-crash-");
        server = ParleyProcess.start("crash", "parley-server", List.of("--parley.data-dir=" + data, "--parley.store.sharding-guard=true"))
                .awaitReady(READY);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void killRightAfterTheLastAcknowledgedPostLosesNothing() throws Exception {
        TestTeam team = TestTeam.create(server.baseUrl(), POSTERS);
        String channel = channelWithEveryone(team, "after-last");
        int each = 100;
        Posters posters;
        // A socket open at the kill must not keep new ones from connecting after the restart.
        try (RtmClient before = RtmClient.connect(server.wsUrl(), team.get(0).token())) {
            before.awaitType("hello");
            posters = new Posters(team, channel, each, POSTERS * each);
            posters.awaitAcknowledged();
            server.kill();
        }
        posters.awaitStopped();
        server.restart().awaitReady(READY);

        List<Post> acknowledged = posters.acknowledged();
        assertThat(acknowledged).hasSize(POSTERS * each);
        List<Post> stored = history(team, channel);
        List<Post> lost = new ArrayList<>(acknowledged);
        lost.removeAll(stored);
        assertThat(lost).as("acknowledged but lost, %d of %d", lost.size(), acknowledged.size()).isEmpty();
        assertThat(stored).as("every acknowledged post exactly once, and nothing else").containsExactlyInAnyOrderElementsOf(acknowledged);
        assertPostingAndLiveDeliveryWork(team, channel, stored);
        assertSearchFindsEveryStoredPost(team, channel, stored);
    }

    @Test
    void killWhilePostsAreInFlightLosesNothingAcknowledgedAndRepeatsNothing() throws Exception {
        TestTeam team = TestTeam.create(server.baseUrl(), POSTERS);
        String channel = channelWithEveryone(team, "in-flight");
        // Far more posts than get answered before the kill, so that some are in flight when it comes.
        Posters posters = new Posters(team, channel, 10_000, 200);
        posters.awaitAcknowledged();
        server.kill();
        posters.awaitStopped();
        server.restart().awaitReady(READY);

        List<Post> acknowledged = posters.acknowledged();
        List<Post> stored = history(team, channel);
        List<Post> lost = new ArrayList<>(acknowledged);
        lost.removeAll(stored);
        assertThat(lost).as("acknowledged but lost, %d of %d", lost.size(), acknowledged.size()).isEmpty();
        assertThat(stored).as("no post stored twice").doesNotHaveDuplicates();
        assertThat(stored.stream().map(Post::text).toList()).as("no text stored twice").doesNotHaveDuplicates();
        assertThat(stored.stream().map(Post::text).toList()).as("only what was sent").isSubsetOf(posters.attempted());
        assertPostingAndLiveDeliveryWork(team, channel, stored);
        assertSearchFindsEveryStoredPost(team, channel, stored);
    }

    /**
     * The channel's posts in the search index, after the restart: all of those stored (and the one posted after the
     * restart), none twice. The indexer's sweep at start catches up what the kill took from its in-process queue.
     */
    private static void assertSearchFindsEveryStoredPost(TestTeam team, String channel, List<Post> stored) {
        SlackClient reader = new SlackClient(server.baseUrl(), team.get(0).token());
        int expected = stored.size() + 1;
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(60));
        long total;
        do {
            total = reader.ok("search.messages", "query", "in:<#" + channel + ">", "count", "1")
                    .path("messages").path("paging").path("total").asLong();
            if (total == expected || java.time.Instant.now().isAfter(deadline)) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (true);
        assertThat(total).as("posts the search index holds after the restart").isEqualTo(expected);
        Set<String> found = new HashSet<>();
        for (int page = 1; page <= (expected + 99) / 100; page++) {
            reader.ok("search.messages", "query", "in:<#" + channel + ">", "count", "100", "page", String.valueOf(page),
                            "sort", "timestamp", "sort_dir", "asc")
                    .path("messages").path("matches").forEach(m -> found.add(m.path("ts").asString()));
        }
        assertThat(found).as("every stored post, by its ts")
                .containsAll(stored.stream().map(Post::ts).toList()).hasSize(expected);
    }

    private static String channelWithEveryone(TestTeam team, String name) {
        String channel = team.get(0).api().ok("conversations.create", "name", name + "-" + UUID.randomUUID().toString().substring(0, 6))
                .path("channel").path("id").asString();
        for (TestTeam.Member member : team.members().subList(1, team.members().size())) {
            member.api().ok("conversations.join", "channel", channel);
        }
        return channel;
    }

    /** Every plain message of the channel, paging through all of it with fresh connections to the restarted server. */
    private static List<Post> history(TestTeam team, String channel) {
        SlackClient reader = new SlackClient(server.baseUrl(), team.get(0).token());
        List<Post> messages = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = cursor.isEmpty() ? reader.ok("conversations.history", "channel", channel, "limit", "100")
                    : reader.ok("conversations.history", "channel", channel, "limit", "100", "cursor", cursor);
            // The members' channel_join messages are not posts.
            page.path("messages").valueStream().filter(m -> m.path("subtype").isMissingNode())
                    .forEach(m -> messages.add(new Post(m.path("ts").asString(), m.path("text").asString())));
            cursor = page.path("response_metadata").path("next_cursor").asString("");
        } while (!cursor.isEmpty());
        return messages;
    }

    /** After the restart a new socket connects, a new post gets a ts after every stored one and arrives live. */
    private static void assertPostingAndLiveDeliveryWork(TestTeam team, String channel, List<Post> stored) {
        try (RtmClient after = RtmClient.connect(server.wsUrl(), team.get(1).token())) {
            after.awaitType("hello");
            String ts = new SlackClient(server.baseUrl(), team.get(0).token())
                    .ok("chat.postMessage", "channel", channel, "text", "after the restart").path("ts").asString();
            assertThat(stored).allSatisfy(p -> assertThat(tsMicros(ts)).isGreaterThan(tsMicros(p.ts())));
            JsonNode live = after.await(f -> "message".equals(f.path("type").asString("")) && ts.equals(f.path("ts").asString("")), WAIT);
            assertThat(live.path("text").asString()).isEqualTo("after the restart");
        }
    }

    private static long tsMicros(String ts) {
        return Long.parseLong(ts.replace(".", ""));
    }

    private record Post(String ts, String text) {
    }

    /** One thread per member posting into the channel, recording each post the server answered ok. */
    private static final class Posters {

        private final ExecutorService pool = Executors.newFixedThreadPool(POSTERS);
        private final List<Future<?>> running = new ArrayList<>();
        private final List<Post> acknowledged = Collections.synchronizedList(new ArrayList<>());
        private final Set<String> attempted = Collections.synchronizedSet(new HashSet<>());
        private final CountDownLatch awaited;
        private volatile boolean killing;

        Posters(TestTeam team, String channel, int each, int awaitedAcknowledgements) {
            awaited = new CountDownLatch(awaitedAcknowledgements);
            for (int p = 0; p < team.members().size(); p++) {
                SlackClient api = team.get(p).api();
                String prefix = "poster " + p + " message ";
                running.add(pool.submit(() -> post(api, channel, prefix, each)));
            }
        }

        private Void post(SlackClient api, String channel, String prefix, int each) {
            for (int i = 0; i < each; i++) {
                String text = prefix + i;
                attempted.add(text);
                JsonNode answer;
                try {
                    answer = api.call("chat.postMessage", "channel", channel, "text", text);
                } catch (AssertionError transport) {
                    // Once the server is being killed a failed call is expected; before that it is a failure.
                    if (killing) {
                        return null;
                    }
                    throw transport;
                }
                assertThat(answer.path("ok").asBoolean()).as("%s", answer).isTrue();
                acknowledged.add(new Post(answer.path("ts").asString(), text));
                awaited.countDown();
            }
            return null;
        }

        /** Returns as soon as the awaited number of posts is acknowledged, and marks the kill that follows as expected. */
        void awaitAcknowledged() throws InterruptedException {
            while (!awaited.await(100, TimeUnit.MILLISECONDS)) {
                for (Future<?> poster : running) {
                    if (poster.state() == Future.State.FAILED) {
                        throw new AssertionError("a poster failed before enough posts were acknowledged", poster.exceptionNow());
                    }
                }
            }
            killing = true;
        }

        void awaitStopped() throws Exception {
            pool.shutdown();
            for (Future<?> poster : running) {
                poster.get(60, TimeUnit.SECONDS);
            }
        }

        List<Post> acknowledged() {
            return List.copyOf(acknowledged);
        }

        Set<String> attempted() {
            return Set.copyOf(attempted);
        }
    }
}
