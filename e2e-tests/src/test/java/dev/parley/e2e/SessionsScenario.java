package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sessions and accounts as clients see them, through the public Web API and sockets: deactivation and role changes
 * take effect at once on every service and gateway, refresh tokens rotate and betray a replay, sign-in tells nothing
 * without the password, and a signing key rotates without any token failing. With two gateways, the user's socket is
 * on gateway B while the admin acts through gateway A.
 */
interface SessionsScenario {

    String apiUrl();

    String rtmUrl(int user);

    /** The base URL of a process running the workspace role, for the operator's internal endpoints. */
    String workspaceInternalUrl();

    /** The {@code parley.internal.secret} of the deployment. */
    String internalSecret();

    Duration PROPAGATION = Duration.ofSeconds(10);

    /** One signed-in session: the client with its access token, and the refresh token. */
    record Session(SlackClient api, String refreshToken) {
    }

    private Session signIn(String email, String password) {
        JsonNode answer = new SlackClient(apiUrl(), null).ok("auth.signin", "email", email, "password", password);
        return new Session(new SlackClient(apiUrl(), answer.path("token").asString()), answer.path("refresh_token").asString());
    }

    private Session refresh(String refreshToken) {
        JsonNode answer = new SlackClient(apiUrl(), null).ok("oauth.v2.access", "grant_type", "refresh_token",
                "refresh_token", refreshToken);
        assertThat(answer.path("token_type").asString()).isEqualTo("user");
        return new Session(new SlackClient(apiUrl(), answer.path("access_token").asString()),
                answer.path("refresh_token").asString());
    }

    private String refreshError(String refreshToken) {
        return new SlackClient(apiUrl(), null).call("oauth.v2.access", "grant_type", "refresh_token",
                "refresh_token", refreshToken).path("error").asString("");
    }

    /**
     * Waits until the call answers this error: a revocation reaches the other processes over pub/sub, so a service
     * may take a moment. Fails when it still does not after {@link #PROPAGATION}.
     */
    private static void awaitError(SlackClient client, String expected, String method, String... args) {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        JsonNode answer;
        do {
            answer = client.call(method, args);
            if (expected.equals(answer.path("error").asString(""))) {
                return;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(method + " still answers " + answer + ", not " + expected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A channel call (channel service) and a messaging call (messaging service) both answer this error. */
    private static void refusedEverywhere(SlackClient client, String channel, String error) {
        awaitError(client, error, "conversations.info", "channel", channel);
        awaitError(client, error, "chat.postMessage", "channel", channel, "text", "should not post");
        awaitError(client, error, "auth.test");
    }

    /** The key the workspace service signs with now, from the operator's view of the keys. */
    private String signingKid() {
        try {
            HttpResponse<String> keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(workspaceInternalUrl() + "/internal/workspace/signing-keys"))
                    .header("X-Parley-Internal", internalSecret()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
            return SlackClient.JSON.readTree(keys.body()).path("signing").asString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        return SlackClient.JSON.readTree(header).path("kid").asString();
    }

    private static String email(TestTeam team, int member) {
        return "user" + member + "@" + team.domain() + ".test";
    }

    private static String password(int member) {
        return "correct horse " + member;
    }

    private static String channel(TestTeam team, String prefix) {
        String channel = team.get(0).api().ok("conversations.create", "name", prefix + "-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        team.get(1).api().ok("conversations.join", "channel", channel);
        return channel;
    }

    @Test
    default void deactivationClosesTheSocketAndRevokesEveryTokenOnEveryServiceUntilReactivated() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient owner = team.get(0).api();
        String bobId = team.get(1).id();
        String channel = channel(team, "deact");
        Session bob = signIn(email(team, 1), password(1));
        bob.api().ok("chat.postMessage", "channel", channel, "text", "before");

        try (RtmClient socket = RtmClient.connect(rtmUrl(1), bob.api().token())) {
            socket.awaitType("hello");
            owner.ok("admin.users.setInactive", "user_id", bobId);
            assertThat(socket.awaitClose(Duration.ofSeconds(5))).isEqualTo(4002);
        }
        refusedEverywhere(bob.api(), channel, "account_inactive");
        refusedEverywhere(team.get(1).api(), channel, "account_inactive");
        assertThat(refreshError(bob.refreshToken())).isEqualTo("invalid_refresh_token");
        assertThat(new SlackClient(apiUrl(), null).call("auth.signin", "email", email(team, 1), "password", password(1))
                .path("error").asString()).isEqualTo("account_inactive");
        assertThatThrownBy(() -> RtmClient.connect(rtmUrl(1), bob.api().token()).close())
                .as("a new socket with the old token is refused");

        owner.ok("admin.users.setActive", "user_id", bobId);
        Session back = signIn(email(team, 1), password(1));
        back.api().ok("chat.postMessage", "channel", channel, "text", "back again");
        back.api().ok("conversations.info", "channel", channel);
        try (RtmClient socket = RtmClient.connect(rtmUrl(1), back.api().token())) {
            socket.awaitType("hello");
        }
        assertThat(bob.api().call("chat.postMessage", "channel", channel, "text", "old token").path("error").asString())
                .as("old tokens stay dead").isEqualTo("account_inactive");
    }

    @Test
    default void aRoleChangeTakesEffectAtOnceAndTheRefreshTokenBringsTheNewRole() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient owner = team.get(0).api();
        String bobId = team.get(1).id();
        String channel = channel(team, "roles");
        Session bob = signIn(email(team, 1), password(1));
        String newcomer = "new-" + UUID.randomUUID().toString().substring(0, 6) + "@" + team.domain() + ".test";
        assertThat(bob.api().call("admin.users.create", "email", newcomer, "password", "newcomer pass")
                .path("error").asString()).isEqualTo("not_an_admin");

        try (RtmClient socket = RtmClient.connect(rtmUrl(1), bob.api().token())) {
            socket.awaitType("hello");
            owner.ok("admin.users.setAdmin", "user_id", bobId);
            assertThat(socket.awaitClose(Duration.ofSeconds(5))).isEqualTo(4002);
        }
        refusedEverywhere(bob.api(), channel, "token_revoked");
        Session admin = refresh(bob.refreshToken());
        admin.api().ok("admin.users.create", "email", newcomer, "password", "newcomer pass");
        admin.api().ok("chat.postMessage", "channel", channel, "text", "now an admin");
        assertThat(admin.api().ok("users.info", "user", bobId).path("user").path("is_admin").asBoolean()).isTrue();

        owner.ok("admin.users.setRegular", "user_id", bobId);
        refusedEverywhere(admin.api(), channel, "token_revoked");
        Session regular = refresh(admin.refreshToken());
        assertThat(regular.api().call("admin.users.create", "email", "x" + newcomer, "password", "newcomer pass")
                .path("error").asString()).isEqualTo("not_an_admin");
        regular.api().ok("conversations.info", "channel", channel);

        assertThat(owner.call("admin.users.setRegular", "user_id", team.get(0).id()).path("error").asString())
                .isEqualTo("cant_demote_last_owner");
        assertThat(regular.api().call("admin.users.setInactive", "user_id", team.get(0).id()).path("error").asString())
                .isEqualTo("not_an_admin");
    }

    @Test
    default void aRefreshTokenRotatesAndAReplayedOneRevokesItsWholeFamilyOnEveryService() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        String channel = channel(team, "refresh");
        Session first = signIn(email(team, 1), password(1));
        assertThat(first.refreshToken()).startsWith("xoxe-1-" + team.teamId() + "-");
        Session second = refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        second.api().ok("chat.postMessage", "channel", channel, "text", "rotated");
        second.api().ok("conversations.info", "channel", channel);

        // Someone replays the first refresh token: refused, and the whole family dies, on every service.
        assertThat(refreshError(first.refreshToken())).isEqualTo("invalid_refresh_token");
        assertThat(refreshError(second.refreshToken())).isEqualTo("invalid_refresh_token");
        refusedEverywhere(second.api(), channel, "token_revoked");
        refusedEverywhere(first.api(), channel, "token_revoked");
        // Other sessions of the user (TestTeam's own sign-in) are another family.
        team.get(1).api().ok("chat.postMessage", "channel", channel, "text", "other session");

        Session third = signIn(email(team, 1), password(1));
        assertThat(third.api().ok("auth.revoke", "test", "true").path("revoked").asBoolean()).isFalse();
        third.api().ok("chat.postMessage", "channel", channel, "text", "still here");
        assertThat(third.api().ok("auth.revoke").path("revoked").asBoolean()).isTrue();
        refusedEverywhere(third.api(), channel, "token_revoked");
        assertThat(refreshError(third.refreshToken())).isEqualTo("invalid_refresh_token");
        assertThat(new SlackClient(apiUrl(), null).call("oauth.v2.access", "grant_type", "authorization_code",
                "code", "x").path("error").asString()).isEqualTo("invalid_grant_type");
    }

    @Test
    default void signInSaysTeamRequiredOnlyToWhoeverKnowsThePassword() {
        String email = "multi-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.test";
        SlackClient anonymous = new SlackClient(apiUrl(), null);
        String first = "m1-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "m2-" + UUID.randomUUID().toString().substring(0, 8);
        anonymous.ok("workspaces.create", "name", first, "domain", first, "email", email, "password", "same password");
        anonymous.ok("workspaces.create", "name", second, "domain", second, "email", email, "password", "same password");

        assertThat(anonymous.call("auth.signin", "email", email, "password", "wrong password").path("error").asString())
                .isEqualTo("invalid_auth");
        assertThat(anonymous.call("auth.signin", "email", email, "password", "same password").path("error").asString())
                .isEqualTo("team_required");
        assertThat(anonymous.ok("auth.signin", "email", email, "password", "same password", "team", second)
                .path("refresh_token").asString()).startsWith("xoxe-1-");
        assertThat(anonymous.call("auth.signin", "email", "nobody-" + email, "password", "same password")
                .path("error").asString()).isEqualTo("invalid_auth");
    }

    @Test
    default void aRotatedSigningKeySignsNewTokensWhileTokensOfTheOldOneKeepWorking() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        String channel = channel(team, "keys");
        SlackClient old = team.get(1).api();
        String oldKid = kid(old.token());

        HttpResponse<String> rotated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(workspaceInternalUrl() + "/internal/workspace/signing-keys/rotate"))
                .header("X-Parley-Internal", internalSecret())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = SlackClient.JSON.readTree(rotated.body()).path("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid).isNotBlank();
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(workspaceInternalUrl() + "/internal/workspace/signing-keys/rotate"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("no secret, no rotation").isEqualTo(403);

        // The new key signs once it activates (after every verifier can have fetched it); until then, and after, the
        // old key's tokens keep working. Watched on the operator's view rather than by signing in again and again.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!signingKid().equals(newKid) && System.nanoTime() < deadline) {
            old.ok("chat.postMessage", "channel", channel, "text", "old key, still fine");
            sleep(1000);
        }
        Session fresh = signIn(email(team, 1), password(1));
        assertThat(kid(fresh.api().token())).isEqualTo(newKid);
        // Both keys verify on every service and gateway.
        for (SlackClient client : new SlackClient[] {fresh.api(), old}) {
            client.ok("chat.postMessage", "channel", channel, "text", "signed by " + kid(client.token()));
            client.ok("conversations.info", "channel", channel);
            client.ok("auth.test");
            for (int gateway = 0; gateway < 2; gateway++) {
                try (RtmClient socket = RtmClient.connect(rtmUrl(gateway), client.token())) {
                    socket.awaitType("hello");
                }
            }
        }
    }
}
