package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The first message delivered end to end, as clients do it: bootstrap a workspace over the Web API, two users on
 * sockets, a post over the Web API and one over the socket, each received live by the other and both in history.
 * Each topology (standalone, distributed) runs it through its own public entry points.
 */
abstract class WalkingSkeletonScenario {

    /** The Web API base URL clients use. */
    public abstract String apiUrl();

    /** The socket URL the n-th user connects to (topologies with several gateways spread users over them). */
    public abstract String rtmUrl(int user);

    private SlackClient anonymous() {
        return new SlackClient(apiUrl(), null);
    }

    private record Team(SlackClient ann, String annId, SlackClient bob, String bobId, String teamId) {
    }

    private Team bootstrap() {
        String domain = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = anonymous().ok("workspaces.create", "name", "E2E " + domain, "domain", domain,
                "email", "ann@" + domain + ".test", "password", "correct horse", "real_name", "Ann Owner");
        SlackClient owner = new SlackClient(apiUrl(), created.path("token").asString());
        owner.ok("admin.users.create", "email", "bob@" + domain + ".test", "password", "battery staple",
                "real_name", "Bob Member");
        JsonNode bobSignIn = anonymous().ok("auth.signin", "email", "bob@" + domain + ".test", "password", "battery staple");
        JsonNode annSignIn = anonymous().ok("auth.signin", "email", "ann@" + domain + ".test", "password", "correct horse",
                "team", domain);
        assertThat(annSignIn.path("user_id").asString()).isEqualTo(created.path("user").path("id").asString());
        return new Team(owner.withToken(annSignIn.path("token").asString()), annSignIn.path("user_id").asString(),
                new SlackClient(apiUrl(), bobSignIn.path("token").asString()), bobSignIn.path("user_id").asString(),
                created.path("team").path("id").asString());
    }

    @Test
    void twoUsersExchangeMessagesLiveAndBothAreInHistory() {
        Team team = bootstrap();
        JsonNode annAuth = team.ann().ok("auth.test");
        assertThat(annAuth.path("user_id").asString()).isEqualTo(team.annId());
        assertThat(annAuth.path("team_id").asString()).isEqualTo(team.teamId());

        try (RtmClient annSocket = RtmClient.connect(rtmUrl(0), team.ann().token());
             RtmClient bobSocket = RtmClient.connect(rtmUrl(1), team.bob().token())) {
            annSocket.awaitType("hello");
            bobSocket.awaitType("hello");

            String channel = team.ann().ok("conversations.create", "name", "launch").path("channel").path("id").asString();
            team.bob().ok("conversations.join", "channel", channel);
            bobSocket.await(f -> f.path("type").asString("").equals("member_joined_channel")
                    && f.path("user").asString("").equals(team.bobId()), Duration.ofSeconds(20));

            // Ann posts over the Web API; Bob receives it live.
            JsonNode posted = team.ann().ok("chat.postMessage", "channel", channel, "text", "Hello Bob, over the Web API");
            String firstTs = posted.path("ts").asString();
            JsonNode live = bobSocket.await(f -> f.path("type").asString("").equals("message")
                    && f.path("ts").asString("").equals(firstTs), Duration.ofSeconds(20));
            assertThat(live.path("text").asString()).isEqualTo("Hello Bob, over the Web API");
            assertThat(live.path("user").asString()).isEqualTo(team.annId());
            assertThat(live.path("channel").asString()).isEqualTo(channel);

            // Bob answers over the socket; the reply acknowledges it and Ann receives it live.
            bobSocket.send("{\"id\":7,\"type\":\"message\",\"channel\":\"" + channel
                    + "\",\"text\":\"Hi Ann, over the socket\",\"client_msg_id\":\"" + UUID.randomUUID() + "\"}");
            JsonNode ack = bobSocket.await(f -> f.path("reply_to").asInt(-1) == 7, Duration.ofSeconds(20));
            assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
            String secondTs = ack.path("ts").asString();
            JsonNode annLive = annSocket.await(f -> f.path("type").asString("").equals("message")
                    && f.path("ts").asString("").equals(secondTs), Duration.ofSeconds(20));
            assertThat(annLive.path("text").asString()).isEqualTo("Hi Ann, over the socket");
            assertThat(annLive.path("user").asString()).isEqualTo(team.bobId());
            assertThat(Double.parseDouble(secondTs)).isGreaterThan(Double.parseDouble(firstTs));

            // Both are in history, newest first, in both users' view, after Bob's channel_join message.
            for (SlackClient reader : new SlackClient[] {team.ann(), team.bob()}) {
                JsonNode messages = reader.ok("conversations.history", "channel", channel).path("messages");
                assertThat(messages.size()).isEqualTo(3);
                assertThat(messages.get(0).path("ts").asString()).isEqualTo(secondTs);
                assertThat(messages.get(0).path("text").asString()).isEqualTo("Hi Ann, over the socket");
                assertThat(messages.get(1).path("ts").asString()).isEqualTo(firstTs);
                assertThat(messages.get(2).path("subtype").asString()).isEqualTo("channel_join");
                assertThat(messages.get(2).path("user").asString()).isEqualTo(team.bobId());
            }
            JsonNode firstPage = team.bob().ok("conversations.history", "channel", channel, "limit", "1");
            assertThat(firstPage.path("has_more").asBoolean()).isTrue();
            JsonNode secondPage = team.bob().ok("conversations.history", "channel", channel, "limit", "1",
                    "cursor", firstPage.path("response_metadata").path("next_cursor").asString());
            assertThat(secondPage.path("messages").get(0).path("ts").asString()).isEqualTo(firstTs);
            JsonNode thirdPage = team.bob().ok("conversations.history", "channel", channel, "limit", "1",
                    "cursor", secondPage.path("response_metadata").path("next_cursor").asString());
            assertThat(thirdPage.path("messages").get(0).path("subtype").asString()).isEqualTo("channel_join");
            assertThat(thirdPage.path("has_more").asBoolean()).isFalse();
            assertThat(thirdPage.path("response_metadata").path("next_cursor").asString()).isEmpty();
        }
    }

    @Test
    void aUserOutsideTheChannelGetsNoEventAndCannotPost() {
        Team team = bootstrap();
        try (RtmClient bobSocket = RtmClient.connect(rtmUrl(1), team.bob().token())) {
            bobSocket.awaitType("hello");
            String privateChannel = team.ann().ok("conversations.create", "name", "secret", "is_private", "true")
                    .path("channel").path("id").asString();
            String publicChannel = team.ann().ok("conversations.create", "name", "open").path("channel").path("id").asString();
            team.ann().ok("chat.postMessage", "channel", privateChannel, "text", "not for Bob");

            assertThat(team.bob().call("chat.postMessage", "channel", privateChannel, "text", "x").path("error").asString())
                    .isEqualTo("channel_not_found");
            assertThat(team.bob().call("conversations.history", "channel", privateChannel).path("error").asString())
                    .isEqualTo("channel_not_found");
            assertThat(team.bob().call("conversations.join", "channel", privateChannel).path("error").asString())
                    .isEqualTo("channel_not_found");
            assertThat(team.bob().call("chat.postMessage", "channel", publicChannel, "text", "x").path("error").asString())
                    .isEqualTo("not_in_channel");
            assertThat(team.ann().call("chat.postMessage", "channel", publicChannel).path("error").asString())
                    .isEqualTo("no_text");
            assertThat(team.ann().call("chat.postMessage", "channel", publicChannel, "text", "x".repeat(40_001))
                    .path("error").asString()).isEqualTo("msg_too_long");

            // A message Bob may see, posted after the secret one, arrives; the secret one never did.
            team.bob().ok("conversations.join", "channel", publicChannel);
            String ts = team.ann().ok("chat.postMessage", "channel", publicChannel, "text", "for everyone").path("ts").asString();
            bobSocket.await(f -> f.path("ts").asString("").equals(ts), Duration.ofSeconds(20));
            assertThat(bobSocket.pending()).noneMatch(f -> f.path("channel").asString("").equals(privateChannel));
            JsonNode publicHistory = team.ann().ok("conversations.history", "channel", publicChannel).path("messages");
            assertThat(publicHistory.valueStream().map(m -> m.path("subtype").asString("") + m.path("text").asString()))
                    .containsExactly("for everyone", "channel_join<@" + team.bobId() + "> has joined the channel");
        }
    }

    @Test
    void badInputGetsSlackErrorsAndChangesNothing() {
        Team team = bootstrap();
        SlackClient anonymous = anonymous();
        assertThat(anonymous.call("no.such.method").path("error").asString()).isEqualTo("unknown_method");
        assertThat(team.ann().call("no.such.method").path("error").asString()).isEqualTo("unknown_method");
        assertThat(anonymous.call("auth.test").path("error").asString()).isEqualTo("not_authed");
        assertThat(anonymous.call("chat.postMessage", "channel", "C1", "text", "x").path("error").asString())
                .isEqualTo("not_authed");
        assertThat(anonymous.withToken("not-a-token").call("auth.test").path("error").asString()).isEqualTo("invalid_auth");
        String tampered = team.ann().token().substring(0, team.ann().token().length() - 4) + "AAAA";
        assertThat(anonymous.withToken(tampered).call("auth.test").path("error").asString()).isEqualTo("invalid_auth");
        assertThat(team.ann().raw("chat.postMessage", "application/json", "{\"channel\": ").path("error").asString())
                .isEqualTo("invalid_json");
        assertThat(team.ann().raw("chat.postMessage", "application/json", "[1,2]").path("error").asString())
                .isEqualTo("json_not_object");
        assertThat(team.ann().raw("chat.postMessage", "application/x-www-form-urlencoded", "channel=%zz&text=x")
                .path("error").asString()).isEqualTo("invalid_form_data");
        assertThat(anonymous.call("auth.signin", "email", "nobody@example.test", "password", "whatever1")
                .path("error").asString()).isEqualTo("invalid_auth");
        assertThat(team.bob().call("admin.users.create", "email", "eve@x.test", "password", "password1")
                .path("error").asString()).isEqualTo("not_an_admin");
        assertThat(team.ann().call("conversations.create", "name", "Bad Name!").path("error").asString())
                .isEqualTo("invalid_name_specials");
        team.ann().ok("conversations.create", "name", "dup");
        assertThat(team.ann().call("conversations.create", "name", "dup").path("error").asString()).isEqualTo("name_taken");
        assertThat(team.ann().call("conversations.history", "channel", "CNOPE").path("error").asString())
                .isEqualTo("channel_not_found");
        String channel = team.ann().ok("conversations.create", "name", "cursor").path("channel").path("id").asString();
        assertThat(team.ann().call("conversations.history", "channel", channel, "cursor", "garbage!").path("error").asString())
                .isEqualTo("invalid_cursor");

        // JSON bodies work like forms.
        JsonNode viaJson = team.ann().raw("chat.postMessage", "application/json",
                "{\"channel\":\"" + channel + "\",\"text\":\"json body\"}");
        assertThat(viaJson.path("ok").asBoolean()).as(viaJson.toString()).isTrue();

        // Sockets without a valid token are refused before the upgrade.
        assertThatThrownBy(() -> RtmClient.connect(rtmUrl(0), null)).hasStackTraceContaining("401");
        assertThatThrownBy(() -> RtmClient.connect(rtmUrl(0), "not-a-token")).hasStackTraceContaining("401");

        // Malformed socket frames get an error frame and the socket stays usable.
        try (RtmClient socket = RtmClient.connect(rtmUrl(0), team.ann().token())) {
            socket.awaitType("hello");
            socket.send("{not json");
            assertThat(socket.awaitType("error").path("error").path("msg").asString()).isEqualTo("invalid_json");
            socket.send("{\"id\":1,\"type\":\"message\",\"channel\":\"CNOPE\",\"text\":\"x\"}");
            assertThat(socket.await(f -> f.path("reply_to").asInt(-1) == 1, Duration.ofSeconds(20))
                    .path("error").path("msg").asString()).isEqualTo("channel_not_found");
            socket.send("{\"id\":2,\"type\":\"ping\"}");
            assertThat(socket.await(f -> f.path("reply_to").asInt(-1) == 2, Duration.ofSeconds(20))
                    .path("type").asString()).isEqualTo("pong");
        }

        // Nothing of the failures above was stored, and the server still answers.
        assertThat(team.ann().ok("conversations.history", "channel", channel).path("messages").size()).isEqualTo(1);
        assertThat(anonymous.ok("api.test").path("ok").asBoolean()).isTrue();
    }
}
