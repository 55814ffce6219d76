package dev.parley.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.auth.OpaqueTokens;
import dev.parley.common.json.SlackJson;
import dev.parley.common.remote.InternalSecret;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.workspace.client.WorkspaceClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.databind.JsonNode;

/**
 * The workspace role as its own process, over HTTP: installing and uninstalling bots, their tokens through the real
 * dispatcher and the internal lookup other services use, and incoming webhooks. The channel and messaging services
 * are in-memory stand-ins that say who is in which channel and record what webhooks post.
 */
@SpringBootTest(classes = WorkspaceServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.target=workspace", "parley.store.sharding-guard=true",
                "parley.internal.secret=bots-web-api-test", "parley.public-url=http://hooks.example.test/",
                // Every test creates a workspace and signs in from this one address, more than real use does.
                "parley.ratelimit.tier1.burst=100", "parley.ratelimit.sign-in.address.burst=200"})
class BotsWebApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Channel access by "channel/user". */
    private static final Map<String, ChannelAccess> CHANNELS = new ConcurrentHashMap<>();
    private static final List<MessagingClient.BotPost> POSTS = new CopyOnWriteArrayList<>();
    /** The error the messaging stand-in answers posts to a channel with, if any. */
    private static final Map<String, String> REFUSE = new ConcurrentHashMap<>();

    @TestBean
    ChannelClient channelClient;

    @TestBean
    MessagingClient messagingClient;

    @Autowired
    InternalSecret secret;

    @LocalServerPort
    int port;

    private String owner;
    private String member;
    private String teamId;

    static ChannelClient channelClient() {
        return new ChannelClient() {
            @Override
            public ChannelSummaries readableChannels(ReadableQuery query) {
                throw new UnsupportedOperationException("no search here");
            }

            @Override
            public ChannelIds channelIds(ChannelIdsQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ChannelAccess access(AccessQuery query) {
                return CHANNELS.getOrDefault(query.channelId() + "/" + query.userId(), ChannelAccess.invisible());
            }

            @Override
            public Joined addMember(JoinCommand command) {
                throw new UnsupportedOperationException();
            }

            @Override
            public MemberChannels memberChannels(MemberQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Users coMembers(CoMembersQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Heads heads(HeadsQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public EventsPage events(EventsQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public MarkResult mark(MarkCommand command) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static MessagingClient messagingClient() {
        return new MessagingClient() {
            @Override
            public StoredMessages messages(MessagesQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public StoredMessages export(ExportQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PostResult shareFiles(FileShare share) {
                throw new UnsupportedOperationException();
            }

            @Override
            public FileUpdated updateFile(FileUpdate update) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PostResult post(PostCommand command) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PostResult postAsBot(BotPost post) {
                String error = REFUSE.get(post.channelId());
                if (error != null) {
                    return PostResult.failed(error);
                }
                POSTS.add(post);
                return new PostResult(true, null, post.channelId(), "1795463065.000100", post.text());
            }

            @Override
            public PostResult postSystem(SystemPost post) {
                throw new UnsupportedOperationException();
            }

            @Override
            public UnreadCounts unread(UnreadQuery query) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("parley.data-dir", () -> Path.of("target", "bots-web-api-test", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    @BeforeEach
    void team() throws Exception {
        String domain = "bots-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = ok(call(null, "workspaces.create", "name", "Bots", "domain", domain,
                "email", "owner@" + domain + ".test", "password", "correct horse"));
        owner = created.path("token").asString();
        teamId = created.path("team").path("id").asString();
        ok(call(owner, "admin.users.create", "email", "member@" + domain + ".test", "password", "battery staple"));
        member = ok(call(null, "auth.signin", "email", "member@" + domain + ".test", "password", "battery staple",
                "team", teamId)).path("token").asString();
    }

    private HttpResponse<String> raw(String token, String method, String... form) throws Exception {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < form.length; i += 2) {
            pairs.add(URLEncoder.encode(form[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("Web API errors are Slack envelopes, not HTTP errors").isEqualTo(200);
        return response;
    }

    private JsonNode call(String token, String method, String... form) throws Exception {
        return SlackJson.tree(raw(token, method, form).body());
    }

    private static JsonNode ok(JsonNode answer) {
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isTrue();
        return answer;
    }

    private static void assertError(JsonNode answer, String error) {
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isFalse();
        assertThat(answer.path("error").asString()).as("%s", answer).isEqualTo(error);
    }

    private JsonNode install(String name, String scopes) throws Exception {
        return ok(call(owner, "admin.apps.install", "name", name, "scopes", scopes));
    }

    /** Posts to a webhook URL (its path, on this server) and answers status and body. */
    private HttpResponse<String> hook(String url, String contentType, String body) throws Exception {
        String path = URI.create(url).getRawPath();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertHook(HttpResponse<String> answer, int status, String body) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).isEqualTo(body);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void anInstallAnswersLikeOauthV2AccessAndItsTokenNamesTheBot() throws Exception {
        JsonNode installed = install("deploybot", "chat:write,users:read");
        String token = installed.path("access_token").asString();
        assertThat(token).startsWith("xoxb-");
        assertThat(installed.path("token_type").asString()).isEqualTo("bot");
        assertThat(installed.path("scope").asString()).isEqualTo("chat:write,users:read");
        assertThat(installed.path("app_id").asString()).startsWith("A");
        assertThat(installed.path("bot_id").asString()).startsWith("B");
        assertThat(installed.path("bot_user_id").asString()).startsWith("U");
        assertThat(installed.path("team").path("id").asString()).isEqualTo(teamId);
        assertThat(installed.path("team").path("name").asString()).isEqualTo("Bots");
        assertThat(installed.path("is_enterprise_install").asBoolean(true)).isFalse();

        HttpResponse<String> auth = raw(token, "auth.test");
        JsonNode who = ok(SlackJson.tree(auth.body()));
        assertThat(who.path("user_id").asString()).isEqualTo(installed.path("bot_user_id").asString());
        assertThat(who.path("bot_id").asString()).isEqualTo(installed.path("bot_id").asString());
        assertThat(who.path("team_id").asString()).isEqualTo(teamId);
        assertThat(who.path("user").asString()).isEqualTo("deploybot");
        assertThat(auth.headers().firstValue("X-OAuth-Scopes")).contains("chat:write,users:read");

        // The bot is a user of the workspace, shown as Slack shows bots.
        JsonNode user = ok(call(owner, "users.info", "user", who.path("user_id").asString())).path("user");
        assertThat(user.path("is_bot").asBoolean()).isTrue();
        assertThat(user.path("name").asString()).isEqualTo("deploybot");
        assertThat(user.path("profile").path("bot_id").asString()).isEqualTo(installed.path("bot_id").asString());
        assertThat(user.path("profile").path("api_app_id").asString()).isEqualTo(installed.path("app_id").asString());
        assertThat(user.path("profile").has("email")).isFalse();
        JsonNode listed = ok(call(token, "users.list"));
        assertThat(listed.path("members").valueStream()
                .filter(m -> m.path("id").asString().equals(who.path("user_id").asString()))
                .map(m -> m.path("is_bot").asBoolean()).toList()).containsExactly(true);

        JsonNode bot = ok(call(token, "bots.info", "bot", installed.path("bot_id").asString())).path("bot");
        assertThat(bot.path("id").asString()).isEqualTo(installed.path("bot_id").asString());
        assertThat(bot.path("app_id").asString()).isEqualTo(installed.path("app_id").asString());
        assertThat(bot.path("user_id").asString()).isEqualTo(who.path("user_id").asString());
        assertThat(bot.path("name").asString()).isEqualTo("deploybot");
        assertThat(bot.path("deleted").asBoolean(true)).isFalse();
        assertError(call(token, "bots.info", "bot", "BNOSUCHBOT"), "bot_not_found");

        assertThat(ok(call(owner, "admin.apps.list")).path("apps").valueStream()
                .map(a -> a.path("app_id").asString()).toList()).containsExactly(installed.path("app_id").asString());
    }

    @Test
    void onlyAnAdminsOwnSessionInstallsAndABadRequestInstallsNothing() throws Exception {
        assertError(call(member, "admin.apps.install", "name", "sneaky", "scopes", "chat:write"), "not_an_admin");
        assertError(call(owner, "admin.apps.install", "name", "typo", "scopes", "chat:write,chat:wrte"), "invalid_scope");
        assertError(call(owner, "admin.apps.install", "name", "boss", "scopes", "admin"), "invalid_scope");
        assertError(call(owner, "admin.apps.install", "name", "Not A Name!", "scopes", "chat:write"), "invalid_name");
        assertThat(ok(call(owner, "admin.apps.list")).path("apps").size()).isZero();

        String token = install("helper", "chat:write").path("access_token").asString();
        assertError(call(token, "admin.apps.install", "name", "child", "scopes", "chat:write"), "not_allowed_token_type");
        assertError(call(token, "admin.apps.uninstall", "app_id", "A0"), "not_allowed_token_type");
    }

    @Test
    void aCallOutsideTheTokensScopesIsMissingScopeWithNeededAndProvided() throws Exception {
        String token = install("reader", "chat:write,users:read").path("access_token").asString();
        HttpResponse<String> refused = raw(token, "team.info");
        JsonNode answer = SlackJson.tree(refused.body());
        assertError(answer, "missing_scope");
        assertThat(answer.path("needed").asString()).isEqualTo("team:read");
        assertThat(answer.path("provided").asString()).isEqualTo("chat:write,users:read");
        assertThat(refused.headers().firstValue("X-OAuth-Scopes")).contains("chat:write,users:read");
        assertThat(refused.headers().firstValue("X-Accepted-OAuth-Scopes")).contains("team:read");
    }

    @Test
    void anUninstalledBotsTokenIsRevokedAtOnceHereAndForEveryOtherService() throws Exception {
        JsonNode installed = install("shortlived", "users:read");
        String token = installed.path("access_token").asString();
        WorkspaceClient internal = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port).defaultHeader(InternalSecret.HEADER, secret.value()).build()))
                .build().createClient(WorkspaceClient.class);
        OpaqueTokens.Grant grant = internal.opaqueToken(new WorkspaceClient.TokenHash(OpaqueTokens.hash(token)));
        assertThat(grant.valid()).isTrue();
        assertThat(grant.userId()).isEqualTo(installed.path("bot_user_id").asString());
        assertThat(grant.workspaceId()).isEqualTo(teamId);
        assertThat(grant.scopes()).containsExactly("users:read");
        assertThat(internal.opaqueToken(new WorkspaceClient.TokenHash(OpaqueTokens.hash(token + "x"))).error())
                .isEqualTo("invalid_auth");
        ok(call(token, "auth.test"));

        ok(call(owner, "admin.apps.uninstall", "app_id", installed.path("app_id").asString()));
        assertError(call(token, "auth.test"), "token_revoked");
        assertThat(internal.opaqueToken(new WorkspaceClient.TokenHash(OpaqueTokens.hash(token))).error())
                .isEqualTo("token_revoked");
        assertError(call(owner, "admin.apps.uninstall", "app_id", installed.path("app_id").asString()), "app_not_found");
        assertThat(ok(call(owner, "admin.apps.list")).path("apps").size()).isZero();
        assertError(call("xoxb-made-up-token", "auth.test"), "invalid_auth");
    }

    @Test
    void aWebhookPostsIntoItsChannelAsItsBotAndAnswersAsSlacksDo() throws Exception {
        JsonNode installed = install("alerts", "incoming-webhook,chat:write");
        String token = installed.path("access_token").asString();
        String botUser = installed.path("bot_user_id").asString();
        String channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        CHANNELS.put(channel + "/" + botUser, new ChannelAccess(true, "channel", false, true));

        JsonNode created = ok(call(token, "apps.webhooks.create", "channel", channel)).path("incoming_webhook");
        String url = created.path("url").asString();
        assertThat(url).startsWith("http://hooks.example.test/hooks/" + teamId + "/" + installed.path("bot_id").asString() + "/");
        assertThat(created.path("channel_id").asString()).isEqualTo(channel);
        assertThat(created.path("id").asString()).startsWith("H");

        assertHook(hook(url, "application/json", "{\"text\":\"deploy finished\",\"blocks\":[{\"type\":\"divider\"}]}"), 200, "ok");
        assertThat(POSTS).anySatisfy(p -> {
            assertThat(p.channelId()).isEqualTo(channel);
            assertThat(p.botUserId()).isEqualTo(botUser);
            assertThat(p.text()).isEqualTo("deploy finished");
            assertThat(SlackJson.tree(p.blocks()).get(0).path("type").asString()).isEqualTo("divider");
        });
        assertHook(hook(url, "application/x-www-form-urlencoded",
                "payload=" + URLEncoder.encode("{\"text\":\"from a form\",\"thread_ts\":\"1795463065.000100\"}", StandardCharsets.UTF_8)),
                200, "ok");
        assertThat(POSTS).anySatisfy(p -> assertThat(p.threadTs()).isEqualTo("1795463065.000100"));

        int posted = POSTS.size();
        assertHook(hook(url, "application/json", "{not json"), 400, "invalid_payload");
        assertHook(hook(url, "application/json", "{\"text\":\"x\",\"blocks\":\"not an array\"}"), 400, "invalid_payload");
        assertHook(hook(url, "application/json", "{}"), 400, "no_text");
        assertHook(hook(url + "x", "application/json", "{\"text\":\"hi\"}"), 404, "no_service");
        assertHook(hook(url.replace(teamId, "TNOSUCHTEAM"), "application/json", "{\"text\":\"hi\"}"), 404, "no_team");
        assertHook(hook("http://x/hooks/" + teamId, "application/json", "{\"text\":\"hi\"}"), 400, "no_service_id");
        assertThat(POSTS).as("nothing posted by a refused call").hasSize(posted);

        REFUSE.put(channel, "is_archived");
        assertHook(hook(url, "application/json", "{\"text\":\"hi\"}"), 410, "channel_is_archived");
        REFUSE.put(channel, "not_in_channel");
        assertHook(hook(url, "application/json", "{\"text\":\"hi\"}"), 403, "action_prohibited");
        REFUSE.put(channel, "channel_not_found");
        assertHook(hook(url, "application/json", "{\"text\":\"hi\"}"), 404, "channel_not_found");
        REFUSE.remove(channel);

        assertThat(ok(call(token, "apps.webhooks.list")).path("webhooks").valueStream()
                .map(w -> w.path("id").asString()).toList()).containsExactly(created.path("id").asString());
        ok(call(token, "apps.webhooks.revoke", "webhook", created.path("id").asString()));
        assertHook(hook(url, "application/json", "{\"text\":\"hi\"}"), 404, "no_service");
        assertError(call(token, "apps.webhooks.revoke", "webhook", created.path("id").asString()), "webhook_not_found");

        // A second webhook stops with its bot.
        String second = ok(call(token, "apps.webhooks.create", "channel", channel)).path("incoming_webhook").path("url").asString();
        assertHook(hook(second, "application/json", "{\"text\":\"still here\"}"), 200, "ok");
        ok(call(owner, "admin.apps.uninstall", "bot_id", installed.path("bot_id").asString()));
        assertHook(hook(second, "application/json", "{\"text\":\"gone\"}"), 404, "no_service");
    }

    @Test
    void aWebhookIsMadeOnlyForABotInItsChannelByItselfOrAnAdmin() throws Exception {
        JsonNode installed = install("notifier", "incoming-webhook");
        String token = installed.path("access_token").asString();
        String botUser = installed.path("bot_user_id").asString();
        String channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertError(call(token, "apps.webhooks.create", "channel", channel), "channel_not_found");
        CHANNELS.put(channel + "/" + botUser, new ChannelAccess(true, "channel", false, false));
        assertError(call(token, "apps.webhooks.create", "channel", channel), "not_in_channel");
        CHANNELS.put(channel + "/" + botUser, new ChannelAccess(true, "channel", true, true));
        assertError(call(token, "apps.webhooks.create", "channel", channel), "is_archived");
        CHANNELS.put(channel + "/" + botUser, new ChannelAccess(true, "channel", false, true));

        // An admin names the bot; a member may not; a bot without the scope cannot have one.
        String bot = installed.path("bot_id").asString();
        assertError(call(member, "apps.webhooks.create", "channel", channel, "bot_id", bot), "not_an_admin");
        assertError(call(owner, "apps.webhooks.create", "channel", channel, "bot_id", "BNOSUCHBOT"), "bot_not_found");
        JsonNode plain = install("plain", "chat:write");
        CHANNELS.put(channel + "/" + plain.path("bot_user_id").asString(), new ChannelAccess(true, "channel", false, true));
        JsonNode noScope = call(owner, "apps.webhooks.create", "channel", channel, "bot_id", plain.path("bot_id").asString());
        assertError(noScope, "missing_scope");
        assertThat(noScope.path("needed").asString()).isEqualTo("incoming-webhook");
        assertError(call(plain.path("access_token").asString(), "apps.webhooks.create", "channel", channel), "missing_scope");

        String ownerId = ok(call(owner, "auth.test")).path("user_id").asString();
        CHANNELS.put(channel + "/" + ownerId, new ChannelAccess(true, "channel", false, false));
        JsonNode byAdmin = ok(call(owner, "apps.webhooks.create", "channel", channel, "bot_id", bot)).path("incoming_webhook");
        assertThat(byAdmin.path("bot_id").asString()).isEqualTo(bot);
        assertThat(byAdmin.path("created_by").asString()).isEqualTo(ownerId);
        assertThat(ok(call(owner, "apps.webhooks.list")).path("webhooks").size()).isEqualTo(1);
        assertError(call(member, "apps.webhooks.list"), "not_an_admin");
    }
}
