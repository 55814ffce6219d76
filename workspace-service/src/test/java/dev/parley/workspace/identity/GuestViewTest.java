package dev.parley.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.testing.PartialFake;
import dev.parley.common.json.SlackJson;
import dev.parley.workspace.WorkspaceServiceApplication;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;

/**
 * The people a guest sees through the workspace role's Web API: only those it shares a conversation with, which the
 * channel service (a fake here) knows; everyone else is {@code user_not_found}. Accounts are made and signed in
 * through the real methods.
 */
@SpringBootTest(classes = WorkspaceServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.target=workspace", "parley.store.sharding-guard=true"})
class GuestViewTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Who shares a conversation with whom, as the channel service would answer. */
    private static final Map<String, Set<String>> SHARED = new ConcurrentHashMap<>();

    @TestBean
    ChannelClient channelClient;

    @LocalServerPort
    int port;

    static ChannelClient channelClient() {
        return PartialFake.of(ChannelClient.class, new Object() {
            public ChannelClient.Users coMembers(ChannelClient.CoMembersQuery query) {
                Set<String> shared = SHARED.getOrDefault(query.userId(), Set.of());
                List<String> candidates = query.among().isEmpty() ? List.copyOf(shared) : query.among();
                List<String> seen = new ArrayList<>(candidates.stream()
                        .filter(u -> u.equals(query.userId()) || shared.contains(u)).toList());
                if (query.among().isEmpty()) {
                    seen.add(query.userId());
                }
                return new ChannelClient.Users(seen.stream().distinct().filter(u -> u.compareTo(query.afterUserId()) > 0)
                        .sorted().limit(query.limit()).toList());
            }

            // A guest account is made with one channel to join; which one does not matter here.
            public ChannelAccess access(ChannelClient.AccessQuery query) {
                return new ChannelAccess(true, "channel", false, true);
            }

            public ChannelClient.Joined addMember(ChannelClient.JoinCommand command) {
                return new ChannelClient.Joined(command.channelIds());
            }
        });
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("parley.data-dir", () -> Path.of("target", "guest-view-test", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    private record Account(String id, String token) {
    }

    @Test
    void aGuestSeesOnlyThePeopleItSharesAConversationWith() throws Exception {
        String domain = "g" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = ok(call(null, "workspaces.create", "name", "Guests", "domain", domain,
                "email", "owner@" + domain + ".test", "password", "owner password"));
        Account owner = new Account(created.path("user").path("id").asString(), created.path("token").asString());
        Account colleague = account(owner, domain, "colleague", "member");
        Account stranger = account(owner, domain, "stranger", "member");
        Account guest = account(owner, domain, "guest", "guest");
        Account single = account(owner, domain, "single", "single_channel_guest");
        SHARED.put(guest.id(), Set.of(colleague.id(), single.id()));

        JsonNode seen = ok(call(guest.token(), "users.info", "user", colleague.id())).path("user");
        assertThat(seen.path("is_restricted").asBoolean()).isFalse();
        assertThat(error(call(guest.token(), "users.info", "user", stranger.id()))).isEqualTo("user_not_found");
        assertThat(error(call(guest.token(), "users.info", "user", owner.id()))).isEqualTo("user_not_found");
        assertThat(ids(ok(call(guest.token(), "users.list")))).containsExactlyInAnyOrder(guest.id(), colleague.id(),
                single.id());

        // Paged like everyone's list, one person at a time.
        List<String> paged = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = ok(call(guest.token(), "users.list", "limit", "1", "cursor", cursor));
            paged.addAll(ids(page));
            cursor = page.path("response_metadata").path("next_cursor").asString("");
        } while (!cursor.isEmpty());
        assertThat(paged).containsExactlyElementsOf(ids(ok(call(guest.token(), "users.list"))));

        // Members see everyone, guests marked as Slack marks them.
        assertThat(ids(ok(call(colleague.token(), "users.list")))).contains(owner.id(), stranger.id(), guest.id());
        JsonNode guestSeen = ok(call(stranger.token(), "users.info", "user", guest.id())).path("user");
        assertThat(guestSeen.path("is_restricted").asBoolean()).isTrue();
        assertThat(guestSeen.path("is_ultra_restricted").asBoolean()).isFalse();
        assertThat(guestSeen.path("is_admin").asBoolean()).isFalse();
        JsonNode singleSeen = ok(call(stranger.token(), "users.info", "user", single.id())).path("user");
        assertThat(singleSeen.path("is_restricted").asBoolean()).isTrue();
        assertThat(singleSeen.path("is_ultra_restricted").asBoolean()).isTrue();
        assertThat(ok(call(stranger.token(), "users.info", "user", owner.id())).path("user").path("is_admin").asBoolean())
                .isTrue();

        assertThat(error(call(owner.token(), "admin.users.create", "email", "x@" + domain + ".test",
                "password", "long enough", "role", "owner"))).isEqualTo("invalid_role");
        assertThat(error(call(owner.token(), "admin.users.create", "email", "y@" + domain + ".test",
                "password", "long enough", "role", "superuser"))).isEqualTo("invalid_role");
    }

    private Account account(Account owner, String domain, String name, String role) throws Exception {
        String email = name + "@" + domain + ".test";
        String id = ok(call(owner.token(), "admin.users.create", "email", email, "password", "password " + name,
                "role", role, "channel_ids", "C0GUESTS")).path("user").path("id").asString();
        String token = ok(call(null, "auth.signin", "email", email, "password", "password " + name)).path("token").asString();
        return new Account(id, token);
    }

    private static List<String> ids(JsonNode list) {
        return list.path("members").valueStream().map(m -> m.path("id").asString()).toList();
    }

    private JsonNode call(String token, String method, String... form) throws Exception {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < form.length; i += 2) {
            pairs.add(URLEncoder.encode(form[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return SlackJson.tree(response.body());
    }

    private static JsonNode ok(JsonNode answer) {
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isTrue();
        return answer;
    }

    private static String error(JsonNode answer) {
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isFalse();
        return answer.path("error").asString();
    }
}
