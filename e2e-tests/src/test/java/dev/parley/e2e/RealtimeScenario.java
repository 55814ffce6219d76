package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The socket's delivery guarantees as a client sees them: every channel event numbered in its channel, resume on
 * any gateway replaying exactly what was missed, user-stream events outside the channel numbering, typing, and
 * clear errors for bad frames. Each topology runs it; with two gateways, a client resumes on the other one.
 */
interface RealtimeScenario {

    String apiUrl();

    String rtmUrl(int user);

    private static Predicate<JsonNode> messageIn(String channel) {
        return f -> "message".equals(f.path("type").asString("")) && channel.equals(f.path("channel").asString(""))
                && !f.has("reply_to");
    }

    private static Predicate<JsonNode> text(String text) {
        return f -> "message".equals(f.path("type").asString("")) && text.equals(f.path("text").asString(""));
    }

    @Test
    default void resumeOnAnotherGatewayReplaysExactlyWhatWasMissedThenGoesLive() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        SlackClient bob = team.get(1).api();
        String channel = ann.ok("conversations.create", "name", "resume-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        bob.ok("conversations.join", "channel", channel);

        long seen;
        try (RtmClient first = RtmClient.connect(rtmUrl(1), bob.token())) {
            first.awaitType("hello");
            ann.ok("chat.postMessage", "channel", channel, "text", "before");
            JsonNode before = first.await(text("before"), Duration.ofSeconds(20));
            seen = before.path("seq").asLong();
            assertThat(seen).isPositive();
        }
        // Offline: five messages, an edit and a reaction.
        List<String> ts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ts.add(ann.ok("chat.postMessage", "channel", channel, "text", "missed " + i).path("ts").asString());
        }
        ann.ok("chat.update", "channel", channel, "ts", ts.get(0), "text", "missed 1 (edited)");
        ann.ok("reactions.add", "channel", channel, "timestamp", ts.get(1), "name", "tada");

        try (RtmClient back = RtmClient.connect(rtmUrl(0) + "?resume=1", bob.token())) {
            back.awaitType("hello");
            back.send("{\"id\":1,\"type\":\"resume\",\"channels\":{\"" + channel + "\":" + seen + "}}");
            JsonNode reply = back.awaitReply(1);
            assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
            assertThat(reply.has("refused")).isFalse();
            ann.ok("chat.postMessage", "channel", channel, "text", "live again");
            back.await(text("live again"), Duration.ofSeconds(20));

            List<JsonNode> replayed = new ArrayList<>();
            for (JsonNode f : back.pending()) {
                if (channel.equals(f.path("channel").asString("")) || channel.equals(f.path("item").path("channel").asString(""))) {
                    replayed.add(f);
                }
            }
            // The replay came before the reply and the live message: the frames the awaits above passed over.
            List<JsonNode> all = new ArrayList<>(replayed);
            List<Long> seqs = all.stream().map(f -> f.path("seq").asLong()).toList();
            assertThat(seqs).as(all.toString()).containsExactly(seen + 1, seen + 2, seen + 3, seen + 4, seen + 5,
                    seen + 6, seen + 7);
            assertThat(all.get(0).path("text").asString()).isEqualTo("missed 1");
            assertThat(all.get(5).path("subtype").asString()).isEqualTo("message_changed");
            assertThat(all.get(6).path("type").asString()).isEqualTo("reaction_added");
        }
    }

    @Test
    default void resumeRefusesForeignChannelsAndCursorsFromTheFuture() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        SlackClient bob = team.get(1).api();
        String secret = ann.ok("conversations.create", "name", "secret-" + System.nanoTime() % 100000, "is_private", "true")
                .path("channel").path("id").asString();
        String open = ann.ok("conversations.create", "name", "open-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        bob.ok("conversations.join", "channel", open);

        try (RtmClient plain = RtmClient.connect(rtmUrl(1), bob.token())) {
            plain.awaitType("hello");
            plain.send("{\"id\":7,\"type\":\"resume\",\"channels\":{\"" + open + "\":1}}");
            assertThat(plain.awaitReply(7).path("error").path("msg").asString()).isEqualTo("resume_not_expected");
        }
        try (RtmClient socket = RtmClient.connect(rtmUrl(1) + "?resume=1", bob.token())) {
            socket.awaitType("hello");
            socket.send("{\"id\":2,\"type\":\"resume\",\"channels\":{\"" + secret + "\":0,\"" + open + "\":99999}}");
            JsonNode reply = socket.awaitReply(2);
            assertThat(reply.path("ok").asBoolean()).isTrue();
            assertThat(reply.path("refused").path(secret).asString()).isEqualTo("channel_not_found");
            assertThat(reply.path("refused").path(open).asString()).isEqualTo("invalid_cursor");

            ann.ok("chat.postMessage", "channel", secret, "text", "not for bob");
            ann.ok("chat.postMessage", "channel", open, "text", "fence for bob");
            socket.await(text("fence for bob"), Duration.ofSeconds(20));
            assertThat(socket.pending()).noneMatch(text("not for bob"));
        }
        try (RtmClient socket = RtmClient.connect(rtmUrl(0) + "?resume=1", bob.token())) {
            socket.awaitType("hello");
            socket.send("{\"id\":3,\"type\":\"resume\",\"channels\":[1,2]}");
            assertThat(socket.awaitReply(3).path("error").path("msg").asString()).isEqualTo("invalid_arguments");
            socket.send("{\"id\":4,\"type\":\"resume\",\"channels\":{\"" + open + "\":-5}}");
            assertThat(socket.awaitReply(4).path("error").path("msg").asString()).isEqualTo("invalid_cursor");
        }
    }

    @Test
    default void markersAndEphemeralsTakeNoChannelSequence() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        SlackClient bob = team.get(1).api();
        String channel = ann.ok("conversations.create", "name", "seq-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        bob.ok("conversations.join", "channel", channel);
        try (RtmClient annSocket = RtmClient.connect(rtmUrl(0), ann.token());
             RtmClient bobSocket = RtmClient.connect(rtmUrl(1), bob.token())) {
            annSocket.awaitType("hello");
            bobSocket.awaitType("hello");
            String ts = ann.ok("chat.postMessage", "channel", channel, "text", "one").path("ts").asString();
            long first = annSocket.await(text("one"), Duration.ofSeconds(20)).path("seq").asLong();
            assertThat(bobSocket.await(text("one"), Duration.ofSeconds(20)).path("seq").asLong()).isEqualTo(first);

            bob.ok("conversations.mark", "channel", channel, "ts", ts);
            JsonNode marked = bobSocket.awaitType("channel_marked");
            assertThat(marked.has("seq")).isFalse();
            ann.ok("chat.postEphemeral", "channel", channel, "user", team.get(1).id(), "text", "psst");
            JsonNode ephemeral = bobSocket.await(text("psst"), Duration.ofSeconds(20));
            assertThat(ephemeral.has("seq")).isFalse();

            ann.ok("chat.postMessage", "channel", channel, "text", "two");
            assertThat(annSocket.await(text("two"), Duration.ofSeconds(20)).path("seq").asLong()).isEqualTo(first + 1);
            assertThat(bobSocket.await(text("two"), Duration.ofSeconds(20)).path("seq").asLong()).isEqualTo(first + 1);
            assertThat(annSocket.pending()).noneMatch(f -> "channel_marked".equals(f.path("type").asString(""))
                    || "psst".equals(f.path("text").asString("")));
        }
    }

    @Test
    default void typingReachesTheOtherMembersOnlyAndIsNeverStored() {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        SlackClient ann = team.get(0).api();
        SlackClient bob = team.get(1).api();
        SlackClient carol = team.get(2).api();
        String channel = ann.ok("conversations.create", "name", "typing-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        bob.ok("conversations.join", "channel", channel);
        String other = carol.ok("conversations.create", "name", "elsewhere-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        try (RtmClient annSocket = RtmClient.connect(rtmUrl(0), ann.token());
             RtmClient bobSocket = RtmClient.connect(rtmUrl(1), bob.token());
             RtmClient carolSocket = RtmClient.connect(rtmUrl(0), carol.token())) {
            annSocket.awaitType("hello");
            bobSocket.awaitType("hello");
            carolSocket.awaitType("hello");
            ann.ok("chat.postMessage", "channel", channel, "text", "ready");
            annSocket.await(text("ready"), Duration.ofSeconds(20));
            bobSocket.await(text("ready"), Duration.ofSeconds(20));

            annSocket.send("{\"id\":1,\"type\":\"typing\",\"channel\":\"" + channel + "\"}");
            JsonNode typing = bobSocket.awaitType("user_typing");
            assertThat(typing.path("channel").asString()).isEqualTo(channel);
            assertThat(typing.path("user").asString()).isEqualTo(team.get(0).id());
            assertThat(typing.has("seq")).isFalse();
            carolSocket.send("{\"id\":2,\"type\":\"typing\",\"channel\":\"" + channel + "\"}");
            assertThat(carolSocket.awaitReply(2).path("error").path("msg").asString()).isEqualTo("channel_not_found");

            // Fences: later events each socket does get, then no typing may have reached ann or carol.
            ann.ok("chat.postMessage", "channel", channel, "text", "fence");
            carol.ok("chat.postMessage", "channel", other, "text", "carol fence");
            annSocket.await(text("fence"), Duration.ofSeconds(20));
            carolSocket.await(text("carol fence"), Duration.ofSeconds(20));
            assertThat(annSocket.pending()).noneMatch(f -> "user_typing".equals(f.path("type").asString("")));
            assertThat(carolSocket.pending()).noneMatch(f -> "user_typing".equals(f.path("type").asString("")));
            JsonNode history = bob.ok("conversations.history", "channel", channel);
            assertThat(history.path("messages").toString()).doesNotContain("user_typing");
        }
    }

    @Test
    default void badFramesGetClearErrorsAndOnlyThatSocketSuffers() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        String channel = ann.ok("conversations.create", "name", "bad-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        team.get(1).api().ok("conversations.join", "channel", channel);
        try (RtmClient socket = RtmClient.connect(rtmUrl(0), ann.token());
             RtmClient bystander = RtmClient.connect(rtmUrl(1), team.get(1).token())) {
            socket.awaitType("hello");
            bystander.awaitType("hello");
            socket.send("this is not json");
            assertThat(socket.awaitType("error").path("error").path("msg").asString()).isEqualTo("invalid_json");
            socket.send("{\"id\":1,\"type\":\"teleport\"}");
            assertThat(socket.awaitReply(1).path("error").path("msg").asString()).isEqualTo("unknown_type");
            socket.send("{\"id\":2,\"type\":\"message\",\"text\":\"where to?\"}");
            assertThat(socket.awaitReply(2).path("error").path("msg").asString()).isEqualTo("channel_not_found");
            socket.send("{\"id\":3,\"type\":\"presence_sub\",\"ids\":" + bigIdList(501) + "}");
            assertThat(socket.awaitReply(3).path("error").path("msg").asString()).isEqualTo("too_many_ids");
            socket.send("{\"id\":4,\"type\":\"token\",\"token\":\"" + team.get(1).token() + "\"}");
            assertThat(socket.awaitReply(4).path("error").path("msg").asString()).isEqualTo("invalid_auth");
            socket.send("{\"id\":5,\"type\":\"ping\"}");
            assertThat(socket.awaitReply(5).path("type").asString()).isEqualTo("pong");

            // A flood: answered once with rate_limited, then the socket is closed; the bystander is unaffected.
            for (int i = 0; i < 400 && !socket.isClosed(); i++) {
                trySend(socket, "{\"type\":\"ping\",\"id\":" + (100 + i) + "}");
            }
            socket.await(f -> "rate_limited".equals(f.path("error").path("msg").asString("")), Duration.ofSeconds(20));
            assertThat(socket.awaitClose(Duration.ofSeconds(20))).isEqualTo(4008);
            ann.ok("chat.postMessage", "channel", channel, "text", "still here");
            bystander.await(text("still here"), Duration.ofSeconds(20));
        }
        try (RtmClient socket = RtmClient.connect(rtmUrl(1), ann.token())) {
            socket.awaitType("hello");
            trySend(socket, "{\"type\":\"message\",\"text\":\"" + "x".repeat(300 * 1024) + "\"}");
            assertThat(socket.awaitClose(Duration.ofSeconds(20))).isEqualTo(1009);
        }
        assertThat(ann.ok("conversations.history", "channel", channel).path("messages").toString()).doesNotContain("xxxx");
    }

    /** Sends unless the server has closed the socket meanwhile (which is what these frames may provoke). */
    private static void trySend(RtmClient socket, String frame) {
        try {
            socket.send(frame);
        } catch (RuntimeException closedMeanwhile) {
            // The close code tells the outcome.
        }
    }

    private static String bigIdList(int n) {
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            ids.append(i == 0 ? "" : ",").append("\"U").append(i).append('"');
        }
        return ids.append(']').toString();
    }
}
