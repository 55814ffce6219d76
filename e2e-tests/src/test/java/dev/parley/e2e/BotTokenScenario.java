package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsJoinResponse;
import com.slack.api.methods.response.reactions.ReactionsAddResponse;
import com.slack.api.methods.response.team.TeamInfoResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.Message;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A bot with its own {@code xoxb-} token, installed by an admin, driven through the official Slack Java SDK: who it
 * is, joining, reading and posting, reacting, the scopes in every answer and Slack's {@code missing_scope}; its
 * incoming webhook through the SDK's webhook client; and an uninstall that stops the token on every entry point and
 * closes its sockets. Each topology gives its entry points; in the distributed one every call also goes through the
 * second gateway, whose forwarded calls are verified by the owning services.
 */
interface BotTokenScenario {

    /** The Web API base URL clients use (without {@code /api/}). */
    String apiUrl();

    /** The socket URL the n-th user connects to. */
    String rtmUrl(int user);

    /** Every Web API base URL clients may use: one per gateway. */
    private List<String> entryPoints() {
        String other = rtmUrl(1).replaceFirst("^ws", "http").replaceFirst("/rtm$", "");
        return other.equals(apiUrl()) ? List.of(apiUrl()) : List.of(apiUrl(), other);
    }

    /** An SDK client of one base URL; the caller closes the {@link Slack}. */
    private static Slack slack(String baseUrl) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(baseUrl + "/api/");
        return Slack.getInstance(config);
    }

    /** The bot as installed: its token and ids, as {@code admin.apps.install} answers them. */
    record Installed(String token, String userId, String botId, String appId) {
    }

    private static Installed install(TestTeam team, String name, String scopes) {
        JsonNode answer = team.get(0).api().ok("admin.apps.install", "name", name, "scopes", scopes);
        assertThat(answer.path("access_token").asString()).startsWith("xoxb-");
        assertThat(answer.path("token_type").asString()).isEqualTo("bot");
        assertThat(answer.path("team").path("id").asString()).isEqualTo(team.teamId());
        return new Installed(answer.path("access_token").asString(), answer.path("bot_user_id").asString(),
                answer.path("bot_id").asString(), answer.path("app_id").asString());
    }

    private static String header(SlackApiTextResponse response, String name) {
        Map<String, List<String>> headers = response.getHttpResponseHeaders();
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
    }

    @Test
    default void aBotDrivesTheApiThroughTheSdkWithItsOwnToken() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        Installed bot = install(team, "standup-bot",
                "chat:write,channels:join,channels:history,groups:history,reactions:write,users:read");
        String channel = team.get(0).api().ok("conversations.create", "name", "bots-" + UUID.randomUUID().toString()
                .substring(0, 8)).path("channel").path("id").asString();
        String ownerPost = team.get(0).api().ok("chat.postMessage", "channel", channel, "text", "stand-up in 5")
                .path("ts").asString();

        for (String entry : entryPoints()) {
            try (Slack slack = slack(entry)) {
                MethodsClient client = slack.methods(bot.token());

                AuthTestResponse auth = client.authTest(r -> r);
                assertThat(auth.isOk()).as(auth.toString()).isTrue();
                assertThat(auth.getUserId()).isEqualTo(bot.userId());
                assertThat(auth.getBotId()).isEqualTo(bot.botId());
                assertThat(auth.getTeamId()).isEqualTo(team.teamId());
                assertThat(header(auth, "X-OAuth-Scopes"))
                        .isEqualTo("channels:history,channels:join,chat:write,groups:history,reactions:write,users:read");

                UsersInfoResponse me = client.usersInfo(r -> r.user(bot.userId()));
                assertThat(me.isOk()).as(me.toString()).isTrue();
                assertThat(me.getUser().isBot()).isTrue();
                assertThat(me.getUser().getProfile().getBotId()).isEqualTo(bot.botId());

                // A bot reads only the channels it is in, public ones too.
                ConversationsHistoryResponse outside = client.conversationsHistory(r -> r.channel(channel));
                if (entry.equals(apiUrl())) {
                    assertThat(outside.isOk()).as(outside.toString()).isFalse();
                    assertThat(outside.getError()).isEqualTo("not_in_channel");
                    ChatPostMessageResponse notIn = client.chatPostMessage(r -> r.channel(channel).text("hello?"));
                    assertThat(notIn.getError()).as(notIn.toString()).isEqualTo("not_in_channel");
                }
                ConversationsJoinResponse joined = client.conversationsJoin(r -> r.channel(channel));
                assertThat(joined.isOk()).as(joined.toString()).isTrue();

                ChatPostMessageResponse posted = client.chatPostMessage(r -> r.channel(channel).text("Morning from " + entry));
                assertThat(posted.isOk()).as(posted.toString()).isTrue();
                assertThat(header(posted, "X-OAuth-Scopes")).contains("chat:write");
                ConversationsHistoryResponse history = client.conversationsHistory(r -> r.channel(channel));
                assertThat(history.isOk()).as(history.toString()).isTrue();
                assertThat(history.getMessages()).extracting(Message::getTs).contains(posted.getTs(), ownerPost);
                assertThat(history.getMessages()).filteredOn(m -> m.getTs().equals(posted.getTs()))
                        .extracting(Message::getUser).containsExactly(bot.userId());
                // Slack's bot fields, in the post's answer and in history; people's messages have none.
                assertThat(posted.getMessage().getBotId()).isEqualTo(bot.botId());
                assertThat(posted.getMessage().getAppId()).isEqualTo(bot.appId());
                assertThat(posted.getMessage().getBotProfile().getName()).isEqualTo("standup-bot");
                Message shown = history.getMessages().stream().filter(m -> m.getTs().equals(posted.getTs()))
                        .findFirst().orElseThrow();
                assertThat(shown.getBotId()).isEqualTo(bot.botId());
                assertThat(shown.getBotProfile().getId()).isEqualTo(bot.botId());
                assertThat(shown.getBotProfile().getAppId()).isEqualTo(bot.appId());
                assertThat(shown.getBotProfile().getTeamId()).isEqualTo(team.teamId());
                assertThat(shown.getBotProfile().getIcons().getImage48()).isNotBlank();
                Message human = history.getMessages().stream().filter(m -> m.getTs().equals(ownerPost))
                        .findFirst().orElseThrow();
                assertThat(human.getBotId()).isNull();
                assertThat(human.getBotProfile()).isNull();

                ReactionsAddResponse reacted = client.reactionsAdd(r -> r.channel(channel).timestamp(ownerPost)
                        .name(entry.equals(apiUrl()) ? "eyes" : "wave"));
                assertThat(reacted.isOk()).as(reacted.toString()).isTrue();

                // Outside its scopes: Slack's missing_scope, surfaced by the SDK with what was needed and provided.
                TeamInfoResponse refused = client.teamInfo(r -> r);
                assertThat(refused.isOk()).isFalse();
                assertThat(refused.getError()).isEqualTo("missing_scope");
                assertThat(refused.getNeeded()).isEqualTo("team:read");
                assertThat(refused.getProvided()).contains("chat:write").doesNotContain("team:read");
                assertThat(header(refused, "X-OAuth-Scopes")).contains("chat:write");
                assertThat(header(refused, "X-Accepted-OAuth-Scopes")).isEqualTo("team:read");
            }
        }

        // In a private channel the history scope is that of private channels.
        String secret = team.get(0).api().ok("conversations.create", "name", "ops-" + UUID.randomUUID().toString()
                .substring(0, 8), "is_private", "true").path("channel").path("id").asString();
        team.get(0).api().ok("conversations.invite", "channel", secret, "users", bot.userId());
        Installed narrow = install(team, "narrow-bot", "channels:history,channels:read,channels:manage,chat:write");
        team.get(0).api().ok("conversations.invite", "channel", secret, "users", narrow.userId());
        try (Slack slack = slack(apiUrl())) {
            assertThat(slack.methods(bot.token()).conversationsHistory(r -> r.channel(secret)).isOk()).isTrue();
            ConversationsHistoryResponse needsGroups = slack.methods(narrow.token()).conversationsHistory(r -> r.channel(secret));
            assertThat(needsGroups.getError()).as(needsGroups.toString()).isEqualTo("missing_scope");
            assertThat(needsGroups.getNeeded()).isEqualTo("groups:history");
        }
        // The same for reading about, listing and changing conversations: the scope of the conversation's type.
        SlackClient narrowApi = new SlackClient(apiUrl(), narrow.token());
        Map<String, String[]> needs = Map.of(
                "groups:read", new String[] {"conversations.info", "channel", secret},
                "groups:read ", new String[] {"conversations.list", "types", "public_channel,private_channel"},
                "groups:write", new String[] {"conversations.leave", "channel", secret},
                "im:write", new String[] {"conversations.open", "users", team.get(0).id()});
        needs.forEach((needed, call) -> {
            JsonNode refused = narrowApi.call(call[0], call[1], call[2]);
            assertThat(refused.path("error").asString()).as(call[0] + ": " + refused).isEqualTo("missing_scope");
            assertThat(refused.path("needed").asString()).as(call[0]).isEqualTo(needed.trim());
        });
        narrowApi.ok("conversations.info", "channel", channel);
        narrowApi.ok("conversations.list", "types", "public_channel");
        assertThat(team.get(0).api().ok("conversations.members", "channel", secret).path("members").valueStream()
                .map(JsonNode::asString).toList()).as("a refused leave changed nothing").contains(narrow.userId());

        // Over the socket the bot posts like anyone; a bot without chat:write cannot.
        try (RtmClient socket = RtmClient.connect(rtmUrl(0), bot.token())) {
            socket.awaitType("hello");
            socket.send("{\"id\":1,\"type\":\"message\",\"channel\":\"" + channel + "\",\"text\":\"over the socket\"}");
            assertThat(socket.awaitReply(1).path("ok").asBoolean()).isTrue();
        }
        Installed mute = install(team, "mute-bot", "channels:join");
        new SlackClient(apiUrl(), mute.token()).ok("conversations.join", "channel", channel);
        try (RtmClient socket = RtmClient.connect(rtmUrl(1), mute.token())) {
            socket.awaitType("hello");
            socket.send("{\"id\":2,\"type\":\"message\",\"channel\":\"" + channel + "\",\"text\":\"shh\"}");
            assertThat(socket.awaitReply(2).path("error").path("msg").asString()).isEqualTo("missing_scope");
        }
    }

    @Test
    default void anIncomingWebhookPostsThroughTheSdksWebhookClient() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        SlackClient owner = team.get(0).api();
        Installed bot = install(team, "alerts", "incoming-webhook,channels:join");
        String channel = owner.ok("conversations.create", "name", "alerts-" + UUID.randomUUID().toString().substring(0, 8))
                .path("channel").path("id").asString();
        SlackClient asBot = new SlackClient(apiUrl(), bot.token());
        asBot.ok("conversations.join", "channel", channel);
        JsonNode hook = asBot.ok("apps.webhooks.create", "channel", channel).path("incoming_webhook");
        String path = URI.create(hook.path("url").asString()).getRawPath();
        assertThat(path).startsWith("/hooks/" + team.teamId() + "/" + bot.botId() + "/");

        try (RtmClient ownerSocket = RtmClient.connect(rtmUrl(0), team.get(0).token());
             Slack slack = Slack.getInstance(new SlackConfig())) {
            ownerSocket.awaitType("hello");
            for (String entry : entryPoints()) {
                String url = entry + path;
                WebhookResponse sent = slack.send(url, Payload.builder().text("disk almost full via " + entry).build());
                assertThat(sent.getCode()).as(sent.toString()).isEqualTo(200);
                assertThat(sent.getBody()).isEqualTo("ok");
                JsonNode live = ownerSocket.await(f -> f.path("type").asString("").equals("message")
                        && f.path("text").asString("").equals("disk almost full via " + entry), Duration.ofSeconds(20));
                // As in Slack: a bot_message of the webhook's bot, without a user.
                assertThat(live.path("subtype").asString()).isEqualTo("bot_message");
                assertThat(live.has("user")).isFalse();
                assertThat(live.path("bot_id").asString()).isEqualTo(bot.botId());
                assertThat(live.path("app_id").asString()).isEqualTo(bot.appId());
                assertThat(live.path("bot_profile").path("name").asString()).isEqualTo("alerts");
                assertThat(live.path("channel").asString()).isEqualTo(channel);

                WebhookResponse empty = slack.send(url, "{}");
                assertThat(empty.getCode()).isEqualTo(400);
                assertThat(empty.getBody()).isEqualTo("no_text");
                WebhookResponse garbage = slack.send(url, "{not json");
                assertThat(garbage.getCode()).isEqualTo(400);
                assertThat(garbage.getBody()).isEqualTo("invalid_payload");
                WebhookResponse wrong = slack.send(url + "x", Payload.builder().text("hi").build());
                assertThat(wrong.getCode()).isEqualTo(404);
                assertThat(wrong.getBody()).isEqualTo("no_service");
            }
            JsonNode history = owner.ok("conversations.history", "channel", channel);
            assertThat(history.path("messages").valueStream().map(m -> m.path("text").asString()).toList())
                    .contains("disk almost full via " + apiUrl());

            owner.ok("conversations.archive", "channel", channel);
            WebhookResponse archived = slack.send(apiUrl() + path, Payload.builder().text("anyone?").build());
            assertThat(archived.getCode()).isEqualTo(410);
            assertThat(archived.getBody()).isEqualTo("channel_is_archived");

            asBot.ok("apps.webhooks.revoke", "webhook", hook.path("id").asString());
            WebhookResponse revoked = slack.send(apiUrl() + path, Payload.builder().text("anyone?").build());
            assertThat(revoked.getCode()).isEqualTo(404);
            assertThat(revoked.getBody()).isEqualTo("no_service");
        }
    }

    @Test
    default void anIncomingWebhookIsRateLimitedLikeSlacks() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        Installed bot = install(team, "chatty", "incoming-webhook,channels:join");
        String channel = team.get(0).api().ok("conversations.create", "name", "chatty-" + UUID.randomUUID().toString()
                .substring(0, 8)).path("channel").path("id").asString();
        SlackClient asBot = new SlackClient(apiUrl(), bot.token());
        asBot.ok("conversations.join", "channel", channel);
        String url = apiUrl() + URI.create(asBot.ok("apps.webhooks.create", "channel", channel).path("incoming_webhook")
                .path("url").asString()).getRawPath();
        try (Slack slack = Slack.getInstance(new SlackConfig())) {
            // About one a second with a burst: a flood is soon answered 429 with Slack's body and Retry-After.
            WebhookResponse limited = null;
            for (int i = 0; i < 40 && limited == null; i++) {
                WebhookResponse sent = slack.send(url, Payload.builder().text("flood " + i).build());
                if (sent.getCode() == 429) {
                    limited = sent;
                } else {
                    assertThat(sent.getCode()).as(sent.toString()).isEqualTo(200);
                }
            }
            assertThat(limited).as("a flood of posts is limited").isNotNull();
            assertThat(limited.getBody()).isEqualTo("rate_limited");
            assertThat(limited.getHeaders().entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Retry-After"))
                    .flatMap(e -> e.getValue().stream()).map(Long::parseLong).findFirst()).hasValueSatisfying(
                            wait -> assertThat(wait).isPositive());
        }
    }

    @Test
    default void anUninstalledBotsTokenIsRevokedEverywhereAndItsSocketsClose() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        Installed bot = install(team, "temp-bot", "chat:write,channels:join,channels:history");
        String channel = team.get(0).api().ok("conversations.create", "name", "temp-" + UUID.randomUUID().toString()
                .substring(0, 8)).path("channel").path("id").asString();
        new SlackClient(apiUrl(), bot.token()).ok("conversations.join", "channel", channel);
        // Every entry point has verified (and remembered) the token before it is revoked.
        for (String entry : entryPoints()) {
            new SlackClient(entry, bot.token()).ok("auth.test");
            new SlackClient(entry, bot.token()).ok("chat.postMessage", "channel", channel, "text", "still here");
        }
        try (RtmClient first = RtmClient.connect(rtmUrl(0), bot.token());
             RtmClient second = RtmClient.connect(rtmUrl(1), bot.token())) {
            first.awaitType("hello");
            second.awaitType("hello");

            team.get(0).api().ok("admin.apps.uninstall", "app_id", bot.appId());

            assertThat(first.awaitClose(Duration.ofSeconds(20))).isEqualTo(4002);
            assertThat(second.awaitClose(Duration.ofSeconds(20))).isEqualTo(4002);
        }
        for (String entry : entryPoints()) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (String method : List.of("auth.test", "chat.postMessage", "conversations.history")) {
                    JsonNode refused = new SlackClient(entry, bot.token()).call(method, "channel", channel, "text", "x");
                    assertThat(refused.path("error").asString()).as(method + " via " + entry).isEqualTo("token_revoked");
                }
            });
            try (Slack slack = slack(entry)) {
                AuthTestResponse sdk = slack.methods(bot.token()).authTest(r -> r);
                assertThat(sdk.isOk()).isFalse();
                assertThat(sdk.getError()).isEqualTo("token_revoked");
            }
        }
        assertThatThrownBy(() -> RtmClient.connect(rtmUrl(0), bot.token()).close()).as("a new socket is refused");
        Optional<JsonNode> listed = team.get(0).api().ok("admin.apps.list").path("apps").valueStream()
                .filter(a -> a.path("app_id").asString().equals(bot.appId())).findFirst();
        assertThat(listed).isEmpty();
    }
}
