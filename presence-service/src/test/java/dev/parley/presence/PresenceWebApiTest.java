package dev.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.channel.client.ChannelClient;
import dev.parley.common.auth.PublicKeys;
import dev.parley.common.auth.TokenClaims;
import dev.parley.common.id.Ids;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.remote.InternalSecret;
import dev.parley.presence.client.PresenceClient;
import dev.parley.workspace.client.WorkspaceClient;
import io.jsonwebtoken.Jwts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * The presence role as its own process, over HTTP: every Web API method through the real dispatcher with signed
 * tokens, and the gateways' heartbeats through the internal endpoint. The workspace service is a fake that knows
 * the users each test creates.
 */
@SpringBootTest(classes = PresenceServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.target=presence", "parley.store.sharding-guard=true",
                "parley.internal.secret=presence-web-api-test", "parley.presence.sweep-interval=100ms"})
class PresenceWebApiTest {

    private static final String KID = "presence-test-key";
    private static final KeyPair SIGNING = ecKeyPair();
    private static final Map<String, Set<String>> MEMBERS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestBean
    PublicKeys publicKeys;

    @TestBean
    WorkspaceClient workspaceClient;

    @TestBean
    ChannelClient channelClient;

    /** Who shares a conversation with whom, as the channel service would answer it. */
    private static final Map<String, Set<String>> SHARED = new ConcurrentHashMap<>();

    @Autowired
    PubSub pubSub;

    @Autowired
    InternalSecret secret;

    @LocalServerPort
    int port;

    private final String workspace = Ids.workspace();
    private final String otherWorkspace = Ids.workspace();
    private final String me = member(workspace);
    private final String colleague = member(workspace);
    private final String stranger = member(otherWorkspace);
    private PresenceClient gateway;

    static PublicKeys publicKeys() {
        return kid -> KID.equals(kid) ? SIGNING.getPublic() : null;
    }

    static WorkspaceClient workspaceClient() {
        return new WorkspaceClient() {
            @Override
            public UserNames usersByName(NamesQuery query) {
                throw new UnsupportedOperationException("no search here");
            }

            @Override
            public UserNames users(UserIds query) {
                throw new UnsupportedOperationException("no search here");
            }

            @Override
            public WorkspaceIds workspaceIds(WorkspaceIdsQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String jwks() {
                throw new UnsupportedOperationException("keys come from the test");
            }

            @Override
            public GroupMembers groupMembers(GroupQuery query) {
                throw new UnsupportedOperationException("presence never asks for user groups");
            }

            @Override
            public dev.parley.common.auth.OpaqueTokens.Grant opaqueToken(TokenHash query) {
                return dev.parley.common.auth.OpaqueTokens.Grant.UNKNOWN;
            }

            @Override
            public UserIds activeUsers(UserIds query) {
                Set<String> members = MEMBERS.getOrDefault(query.workspaceId(), Set.of());
                return new UserIds(query.workspaceId(), query.userIds().stream().distinct().filter(members::contains).toList());
            }

            @Override
            public Members activeMembers(UserIds query) {
                return new Members(activeUsers(query).userIds().stream().map(id -> new Member(id, "member")).toList());
            }
        };
    }

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
            public Users coMembers(CoMembersQuery query) {
                Set<String> shared = SHARED.getOrDefault(query.userId(), Set.of());
                return new Users(query.among().stream()
                        .filter(u -> u.equals(query.userId()) || shared.contains(u)).sorted().toList());
            }

            @Override
            public dev.parley.channel.client.ChannelAccess access(AccessQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public MemberChannels memberChannels(MemberQuery query) {
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

            @Override
            public Joined addMember(JoinCommand command) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("parley.data-dir", () -> Path.of("target", "presence-web-api-test", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    @BeforeEach
    void gatewayClient() {
        RestClient rest = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(InternalSecret.HEADER, secret.value())
                .build();
        gateway = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(PresenceClient.class);
    }

    private static String member(String workspaceId) {
        String user = Ids.user();
        MEMBERS.computeIfAbsent(workspaceId, w -> ConcurrentHashMap.newKeySet()).add(user);
        return user;
    }

    private static String token(String workspaceId, String userId, String role) {
        return Jwts.builder()
                .header().keyId(KID).and()
                .issuer(TokenClaims.ISSUER)
                .subject(userId)
                .claim(TokenClaims.WORKSPACE, workspaceId)
                .claim(TokenClaims.ROLE, role)
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .signWith(SIGNING.getPrivate(), Jwts.SIG.ES256)
                .compact();
    }

    private String as(String userId) {
        return token(workspace, userId, "member");
    }

    /** Calls a Web API method with form arguments, as Slack's SDKs do. */
    private JsonNode call(String token, String method, String... form) throws Exception {
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
        return send(request.build());
    }

    private JsonNode callJson(String token, String method, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + method))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("Web API errors are Slack envelopes, not HTTP errors").isEqualTo(200);
        return SlackJson.tree(response.body());
    }

    private static void assertError(JsonNode answer, String error) {
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isFalse();
        assertThat(answer.path("error").asString()).isEqualTo(error);
    }

    private static JsonNode assertOk(JsonNode answer) {
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isTrue();
        return answer;
    }

    private void heartbeat(String user, int connections, long lastActivityMillis) {
        gateway.heartbeat(new PresenceClient.Heartbeats("gw-test",
                List.of(new PresenceClient.Beat(workspace, user, connections, lastActivityMillis))));
    }

    // users.profile.get is the workspace service's now, which applies the same rule.
    @Test
    void aGuestAsksOnlyAboutPeopleItSharesAConversationWith() throws Exception {
        String guest = member(workspace);
        String guestToken = token(workspace, guest, "guest");
        for (String method : List.of("users.getPresence", "dnd.info")) {
            assertError(call(guestToken, method, "user", colleague), "user_not_found");
            assertOk(call(guestToken, method));
            assertOk(call(as(me), method, "user", guest));
        }
        assertError(call(guestToken, "dnd.teamInfo", "users", guest + "," + colleague), "user_not_found");

        SHARED.put(guest, Set.of(colleague));
        for (String method : List.of("users.getPresence", "dnd.info")) {
            assertOk(call(guestToken, method, "user", colleague));
        }
        assertOk(call(guestToken, "dnd.teamInfo", "users", guest + "," + colleague));
        assertError(call(guestToken, "dnd.teamInfo", "users", colleague + "," + me), "user_not_found");
    }

    @Test
    void getPresenceTellsTheCallerHowTheirPresenceCameAboutAndOthersOnlyThePresence() throws Exception {
        JsonNode offline = assertOk(call(as(me), "users.getPresence"));
        assertThat(offline.path("presence").asString()).isEqualTo("away");
        assertThat(offline.path("online").asBoolean()).isFalse();
        assertThat(offline.path("auto_away").asBoolean()).isTrue();
        assertThat(offline.path("manual_away").asBoolean()).isFalse();
        assertThat(offline.path("connection_count").asInt()).isZero();
        assertThat(offline.has("last_activity")).as("absent while offline").isFalse();

        long activity = System.currentTimeMillis();
        heartbeat(me, 2, activity);
        JsonNode self = assertOk(call(as(me), "users.getPresence", "user", me));
        assertThat(self.path("presence").asString()).isEqualTo("active");
        assertThat(self.path("online").asBoolean()).isTrue();
        assertThat(self.path("auto_away").asBoolean()).isFalse();
        assertThat(self.path("connection_count").asInt()).isEqualTo(2);
        assertThat(self.path("last_activity").asLong()).isEqualTo(activity / 1000);

        JsonNode seenByOther = assertOk(call(as(colleague), "users.getPresence", "user", me));
        assertThat(seenByOther.properties()).extracting(Map.Entry::getKey).containsExactly("ok", "presence");
        assertThat(seenByOther.path("presence").asString()).isEqualTo("active");

        gateway.disconnected(new PresenceClient.Disconnect("gw-test", workspace, me));
        assertThat(call(as(colleague), "users.getPresence", "user", me).path("presence").asString()).isEqualTo("away");
    }

    @Test
    void getPresenceKnowsOnlyUsersOfTheCallersWorkspace() throws Exception {
        assertError(call(as(me), "users.getPresence", "user", stranger), "user_not_found");
        assertError(call(as(me), "users.getPresence", "user", Ids.user()), "user_not_found");
        assertError(call(as(me), "users.getPresence", "user", "<@" + colleague + ">"), "user_not_found");
        assertError(call(null, "users.getPresence"), "not_authed");
        assertError(call("not-a-token", "users.getPresence"), "invalid_auth");
    }

    @Test
    void setPresenceAwayHoldsUntilAutoAndPublishesEachChange() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (PubSub.Subscription s = pubSub.subscribe(PresenceClient.topic(workspace), events::add)) {
            heartbeat(me, 1, System.currentTimeMillis());
            assertThat(events.poll(10, TimeUnit.SECONDS))
                    .isEqualTo("{\"type\":\"presence_change\",\"user\":\"" + me + "\",\"presence\":\"active\"}");

            assertOk(call(as(me), "users.setPresence", "presence", "away"));
            assertThat(events.poll(10, TimeUnit.SECONDS)).contains("\"presence\":\"away\"");
            JsonNode away = assertOk(call(as(me), "users.getPresence"));
            assertThat(away.path("presence").asString()).isEqualTo("away");
            assertThat(away.path("manual_away").asBoolean()).isTrue();
            assertThat(away.path("online").asBoolean()).isTrue();

            assertError(call(as(me), "users.setPresence", "presence", "active"), "invalid_presence");
            assertError(call(as(me), "users.setPresence"), "invalid_presence");
            assertThat(call(as(me), "users.getPresence").path("manual_away").asBoolean()).as("errors change nothing").isTrue();

            assertOk(call(as(me), "users.setPresence", "presence", "auto"));
            assertThat(events.poll(10, TimeUnit.SECONDS)).contains("\"presence\":\"active\"");
            assertThat(call(as(me), "users.getPresence").path("presence").asString()).isEqualTo("active");
        }
    }

    @Test
    void theInternalEndpointNeedsTheSharedSecret() throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/internal/presence/heartbeat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"gateway_id\":\"evil\",\"beats\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void snoozeStartsMovesShowsAndEnds() throws Exception {
        JsonNode idle = assertOk(call(as(me), "dnd.info"));
        assertThat(idle.path("dnd_enabled").asBoolean()).isFalse();
        assertThat(idle.path("next_dnd_start_ts").asLong()).isEqualTo(1);
        assertThat(idle.path("next_dnd_end_ts").asLong()).isEqualTo(1);
        assertThat(idle.path("snooze_enabled").asBoolean()).isFalse();
        assertThat(idle.has("snooze_endtime")).isFalse();

        assertError(call(as(me), "dnd.setSnooze"), "missing_duration");
        assertError(call(as(me), "dnd.setSnooze", "num_minutes", "soon"), "invalid_arguments");
        assertError(call(as(me), "dnd.setSnooze", "num_minutes", "0"), "invalid_arguments");
        assertError(call(as(me), "dnd.endSnooze"), "snooze_not_active");

        long before = Instant.now().getEpochSecond();
        JsonNode snoozed = assertOk(call(as(me), "dnd.setSnooze", "num_minutes", "30"));
        assertThat(snoozed.path("snooze_enabled").asBoolean()).isTrue();
        assertThat(snoozed.path("snooze_remaining").asLong()).isEqualTo(1800);
        assertThat(snoozed.path("snooze_endtime").asLong()).isBetween(before + 1800, Instant.now().getEpochSecond() + 1800);
        assertThat(snoozed.path("snooze_is_indefinite").asBoolean()).isFalse();

        JsonNode longer = assertOk(call(as(me), "dnd.setSnooze", "num_minutes", "60"));
        assertThat(longer.path("snooze_remaining").asLong()).isEqualTo(3600);
        JsonNode info = assertOk(call(as(colleague), "dnd.info", "user", me));
        assertThat(info.path("snooze_enabled").asBoolean()).isTrue();
        assertThat(info.path("snooze_endtime").asLong()).isEqualTo(longer.path("snooze_endtime").asLong());
        assertThat(info.path("snooze_remaining").asLong()).isBetween(3590L, 3600L);

        JsonNode ended = assertOk(call(as(me), "dnd.endSnooze"));
        assertThat(ended.path("snooze_enabled").asBoolean()).isFalse();
        assertThat(ended.path("dnd_enabled").asBoolean()).isFalse();
        assertThat(ended.has("next_dnd_start_ts")).isTrue();
        assertThat(call(as(me), "dnd.info").path("snooze_enabled").asBoolean()).isFalse();
        assertError(call(as(me), "dnd.endSnooze"), "snooze_not_active");
    }

    @Test
    void teamInfoAnswersForEachNamedUserOfTheWorkspace() throws Exception {
        assertOk(call(as(colleague), "dnd.setSnooze", "num_minutes", "10"));

        JsonNode team = assertOk(call(as(me), "dnd.teamInfo", "users", me + ", " + colleague));
        assertThat(team.path("users").properties()).extracting(Map.Entry::getKey).containsExactly(me, colleague);
        assertThat(team.path("users").path(me).path("snooze_enabled").asBoolean()).isFalse();
        assertThat(team.path("users").path(me).path("dnd_enabled").asBoolean()).isFalse();
        assertThat(team.path("users").path(colleague).path("snooze_enabled").asBoolean()).isTrue();
        assertThat(team.path("users").path(colleague).path("next_dnd_end_ts").asLong()).isEqualTo(1);

        assertError(call(as(me), "dnd.teamInfo"), "no_users_provided");
        assertError(call(as(me), "dnd.teamInfo", "users", " , "), "no_users_provided");
        assertError(call(as(me), "dnd.teamInfo", "users", me + "," + stranger), "user_not_found");
        assertError(call(as(me), "dnd.info", "user", stranger), "user_not_found");
        String tooMany = String.join(",", java.util.stream.IntStream.range(0, 51).mapToObj(i -> member(workspace)).toList());
        assertError(call(as(me), "dnd.teamInfo", "users", tooMany), "too_many_users");
    }

    private PresenceClient.Status statusOf(String userId) {
        return gateway.statuses(new PresenceClient.StatusQuery(workspace, List.of(userId))).statuses().get(userId);
    }

    private PresenceClient.StatusResult setStatus(String userId, Map<String, String> fields) {
        return gateway.setStatus(new PresenceClient.StatusUpdate(workspace, userId, fields));
    }

    @Test
    void aCustomStatusIsSetPartlyReadByOthersAndValidated() {
        assertThat(statusOf(me)).isEqualTo(PresenceClient.Status.NONE);

        PresenceClient.StatusResult set = setStatus(me, Map.of("status_text", "riding a train",
                "status_emoji", ":mountain_railway:"));
        assertThat(set.ok()).isTrue();
        assertThat(set.status().text()).isEqualTo("riding a train");
        assertThat(set.status().emoji()).isEqualTo(":mountain_railway:");

        assertThat(setStatus(me, Map.of("status_text", "on the platform")).ok()).isTrue();
        PresenceClient.Status seen = statusOf(me);
        assertThat(seen.text()).isEqualTo("on the platform");
        assertThat(seen.emoji()).as("untouched fields stay").isEqualTo(":mountain_railway:");

        assertThat(setStatus(me, Map.of("status_emoji", ":thumbsup::skin-tone-3:", "status_expiration", "0")).ok()).isTrue();
        assertThat(statusOf(me).emoji()).isEqualTo(":thumbsup::skin-tone-3:");

        assertThat(setStatus(me, Map.of("status_text", "x".repeat(101))).error()).isEqualTo("too_long");
        assertThat(setStatus(me, Map.of("status_emoji", "train")).error()).isEqualTo("profile_status_set_failed_not_emoji_syntax");
        assertThat(setStatus(me, Map.of("status_text", "new", "status_expiration", "-5")).error()).isEqualTo("invalid_profile");
        assertThat(setStatus(me, Map.of("status_text", "new", "status_expiration", "soon")).error()).isEqualTo("invalid_profile");
        PresenceClient.Status unchanged = statusOf(me);
        assertThat(unchanged.text()).as("failed calls change nothing").isEqualTo("on the platform");
        assertThat(unchanged.emoji()).isEqualTo(":thumbsup::skin-tone-3:");
        assertThat(statusOf(colleague)).as("one user's status is theirs alone").isEqualTo(PresenceClient.Status.NONE);
    }

    @Test
    void anExpiredStatusReadsBackEmpty() {
        long soon = Instant.now().getEpochSecond() + 2;
        PresenceClient.StatusResult set = setStatus(me, Map.of("status_text", "in a meeting", "status_emoji", ":calendar:",
                "status_expiration", Long.toString(soon)));
        assertThat(set.status().expiration()).isEqualTo(soon);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(statusOf(me)).isEqualTo(PresenceClient.Status.NONE));
    }

    @Test
    void theProfileMethodsAreTheWorkspaceServicesNow() throws Exception {
        // users.profile.* answer with the whole profile from the workspace service, which asks here for the status.
        assertError(call(as(me), "users.profile.get"), "unknown_method");
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
