package dev.parley.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.json.SlackJson;
import dev.parley.common.role.Role;
import dev.parley.workspace.token.TokenTestKit;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The workspace service as its own process runs it (embedded store): start-up stops without a valid key encryption
 * key, and the session and admin methods answer through the real dispatcher with Slack's shapes and access rules.
 */
class WorkspaceServiceWebApiTest {

    private static ConfigurableApplicationContext app;
    private static String base;
    private static final HttpClient http = HttpClient.newHttpClient();

    private static List<String> args(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("--parley.data-dir=" + data, "--server.port=0",
                "--spring.main.banner-mode=off", "--parley.store.sharding-guard=true"));
        args.addAll(List.of(extra));
        return args;
    }

    @BeforeAll
    static void start() throws IOException {
        List<String> args = args(Files.createTempDirectory("parley-ws-"),
                "--parley.auth.key-encryption-key=" + TokenTestKit.randomKey());
        app = ParleyApplication.run(WorkspaceServiceApplication.class, Role.WORKSPACE, 0, args.toArray(String[]::new));
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/api/";
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static JsonNode call(String token, String method, String... form) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(form[i]).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return SlackJson.tree(answer.body());
    }

    @Test
    void withoutAKeyEncryptionKeyStartUpStops() throws IOException {
        // Blank overrides the test key of src/test/resources/application.properties: as if none were given.
        String[] none = args(Files.createTempDirectory("parley-ws-"), "--parley.auth.key-encryption-key=")
                .toArray(String[]::new);
        assertThatThrownBy(() -> ParleyApplication.run(WorkspaceServiceApplication.class, Role.WORKSPACE, 0, none))
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("parley.auth.key-encryption-key is not set"));
        String[] malformed = args(Files.createTempDirectory("parley-ws-"), "--parley.auth.key-encryption-key=c2hvcnQ=")
                .toArray(String[]::new);
        assertThatThrownBy(() -> ParleyApplication.run(WorkspaceServiceApplication.class, Role.WORKSPACE, 0, malformed))
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("must be 32 bytes"));
    }

    @Test
    void aSessionIsRefreshedRotatedAndRevokedThroughTheWebApi() throws Exception {
        JsonNode created = call(null, "workspaces.create", "name", "Web", "domain", "web-" + System.nanoTime() % 100000,
                "email", "ann@web.test", "password", "ann password");
        String refresh = created.path("refresh_token").asString();
        assertThat(refresh).startsWith("xoxe-1-" + created.path("team").path("id").asString() + "-");

        JsonNode rotated = call(null, "oauth.v2.access", "grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", "ignored", "client_secret", "ignored");
        assertThat(rotated.path("ok").asBoolean()).as(rotated.toString()).isTrue();
        assertThat(rotated.path("token_type").asString()).isEqualTo("user");
        assertThat(rotated.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(rotated.path("refresh_token").asString()).startsWith("xoxe-1-").isNotEqualTo(refresh);
        assertThat(rotated.path("authed_user").path("id").asString()).isEqualTo(created.path("user").path("id").asString());
        String access = rotated.path("access_token").asString();
        assertThat(call(access, "auth.test").path("ok").asBoolean()).isTrue();

        assertThat(call(null, "oauth.v2.access", "grant_type", "authorization_code", "code", "x").path("error").asString())
                .isEqualTo("invalid_grant_type");
        assertThat(call(null, "oauth.v2.access", "grant_type", "refresh_token").path("error").asString())
                .isEqualTo("invalid_refresh_token");

        assertThat(call(access, "auth.revoke", "test", "true").path("revoked").asBoolean()).isFalse();
        assertThat(call(access, "auth.revoke").path("revoked").asBoolean()).isTrue();
        assertThat(call(access, "auth.test").path("error").asString()).isEqualTo("token_revoked");
        assertThat(call(null, "oauth.v2.access", "grant_type", "refresh_token", "refresh_token",
                rotated.path("refresh_token").asString()).path("error").asString()).isEqualTo("invalid_refresh_token");

        // A client whose token went stale still refreshes and signs in with that token in its header.
        JsonNode signedIn = call(access, "auth.signin", "email", "ann@web.test", "password", "ann password");
        assertThat(signedIn.path("ok").asBoolean()).as(signedIn.toString()).isTrue();
        JsonNode refreshed = call(access, "oauth.v2.access", "grant_type", "refresh_token", "refresh_token",
                signedIn.path("refresh_token").asString());
        assertThat(refreshed.path("ok").asBoolean()).as(refreshed.toString()).isTrue();
        assertThat(call("garbage", "oauth.v2.access", "grant_type", "refresh_token", "refresh_token",
                refreshed.path("refresh_token").asString()).path("ok").asBoolean()).isTrue();
    }

    @Test
    void adminMethodsCarryTheirAccessRules() throws Exception {
        String domain = "adm-" + System.nanoTime() % 100000;
        JsonNode created = call(null, "workspaces.create", "name", "Adm", "domain", domain, "email", "ann@adm.test",
                "password", "ann password");
        String owner = created.path("token").asString();
        String bobId = call(owner, "admin.users.create", "email", "bob@adm.test", "password", "bob password")
                .path("user").path("id").asString();
        String bob = call(null, "auth.signin", "email", "bob@adm.test", "password", "bob password").path("token").asString();
        String annId = created.path("user").path("id").asString();

        assertThat(call(bob, "admin.users.setInactive", "user_id", annId).path("error").asString()).isEqualTo("not_an_admin");
        assertThat(call(bob, "admin.users.setAdmin", "user_id", bobId).path("error").asString()).isEqualTo("not_an_owner");
        assertThat(call(owner, "admin.users.setInactive").path("error").asString()).isEqualTo("invalid_arguments");
        assertThat(call(owner, "admin.users.remove", "user_id", annId).path("error").asString()).isEqualTo("cant_deactivate_self");
        assertThat(call(owner, "admin.users.setRegular", "user_id", annId).path("error").asString())
                .isEqualTo("cant_demote_last_owner");

        assertThat(call(owner, "admin.users.remove", "user_id", bobId).path("ok").asBoolean()).isTrue();
        assertThat(call(bob, "auth.test").path("error").asString()).isEqualTo("account_inactive");
        assertThat(call(null, "auth.signin", "email", "bob@adm.test", "password", "bob password").path("error").asString())
                .isEqualTo("account_inactive");
        assertThat(call(owner, "admin.users.setActive", "user_id", bobId).path("ok").asBoolean()).isTrue();
        assertThat(call(null, "auth.signin", "email", "bob@adm.test", "password", "bob password").path("ok").asBoolean())
                .isTrue();
    }
}
