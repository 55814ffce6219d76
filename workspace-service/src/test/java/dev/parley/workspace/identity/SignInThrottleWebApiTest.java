package dev.parley.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.remote.ClientAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The workspace service over HTTP with small sign-in limits: guessing is refused with Slack's 429 per account and per
 * client address, the same for emails that exist and emails that do not, and a client cannot name its own address.
 */
@SpringBootTest(classes = dev.parley.workspace.WorkspaceServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.target=workspace", "parley.internal.secret=sign-in-throttle-test",
                "parley.ratelimit.sign-in.account.burst=3", "parley.ratelimit.sign-in.address.burst=6"})
class SignInThrottleWebApiTest {

    private static final String RATELIMITED = "{\"ok\":false,\"error\":\"ratelimited\"}";
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ClientAddresses clientAddresses;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("parley.data-dir", () -> Path.of("target", "sign-in-throttle-test", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    /** A client address no other test uses, as the edge would vouch for it. */
    private static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private HttpResponse<String> call(HttpClient http, String method, Map<String, String> headers, String... form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < form.length; i += 2) {
            fields.put(form[i], form[i + 1]);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> from(String address, String method, String... form) {
        return call(HTTP, method, Map.of(ClientAddresses.HEADER, clientAddresses.vouch(address)), form);
    }

    private String createWorkspace(String email) {
        String domain = "t-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = from(newAddress(), "workspaces.create", "name", domain, "domain", domain,
                "email", email, "password", "correct horse");
        assertThat(created.body()).contains("\"ok\":true");
        return created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private static void assertRateLimited(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
        assertThat(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(answer.body()).isEqualTo(RATELIMITED);
    }

    @Test
    void guessingAtAnAccountIsRefusedTheSameWayWhetherOrNotItExists() {
        String known = "ann-" + UUID.randomUUID() + "@example.test";
        String unknown = "nobody-" + UUID.randomUUID() + "@example.test";
        createWorkspace(known);
        for (String email : new String[] {known, unknown}) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> wrong = from(newAddress(), "auth.signin", "email", email, "password", "guess " + i);
                assertThat(wrong.statusCode()).isEqualTo(200);
                assertThat(wrong.body()).isEqualTo("{\"ok\":false,\"error\":\"invalid_auth\"}");
            }
            assertRateLimited(from(newAddress(), "auth.signin", "email", email, "password", "guess 4"));
        }
        assertRateLimited(from(newAddress(), "auth.signin", "email", known.toUpperCase(), "password", "correct horse"));
    }

    @Test
    void oneAddressTryingManyAccountsIsRefused() {
        String address = newAddress();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> wrong = from(address, "auth.signin", "email", "u" + i + "-" + UUID.randomUUID() + "@example.test",
                    "password", "guess");
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(200);
        }
        assertRateLimited(from(address, "auth.signin", "email", "fresh-" + UUID.randomUUID() + "@example.test",
                "password", "guess"));
        assertThat(from(newAddress(), "auth.signin", "email", "fresh-" + UUID.randomUUID() + "@example.test",
                "password", "guess").statusCode()).as("another address").isEqualTo(200);
    }

    @Test
    void aClientCannotEscapeByNamingAnotherAddress() throws Exception {
        HttpClient fromElsewhere = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.3")).build();
        for (int i = 0; i < 6; i++) {
            call(fromElsewhere, "auth.signin", Map.of(), "email", "s" + i + "-" + UUID.randomUUID() + "@example.test",
                    "password", "guess");
        }
        for (int i = 0; i < 3; i++) {
            String claimed = "203.0.113." + (10 + i);
            assertRateLimited(call(fromElsewhere, "auth.signin", Map.of(ClientAddresses.HEADER, claimed),
                    "email", "t" + i + "-" + UUID.randomUUID() + "@example.test", "password", "guess"));
        }
        String madeUpProof = clientAddresses.vouch("203.0.113.20").replace("203.0.113.20", "203.0.113.21");
        assertRateLimited(call(fromElsewhere, "auth.signin", Map.of(ClientAddresses.HEADER, madeUpProof),
                "email", "v-" + UUID.randomUUID() + "@example.test", "password", "guess"));
    }

    @Test
    void creatingWorkspacesCountsForTheAddressToo() {
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            String domain = "w-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(from(address, "workspaces.create", "name", domain, "domain", domain,
                    "email", domain + "@example.test", "password", "correct horse").body()).contains("\"ok\":true");
        }
        String domain = "w-" + UUID.randomUUID().toString().substring(0, 8);
        assertRateLimited(from(address, "workspaces.create", "name", domain, "domain", domain,
                "email", domain + "@example.test", "password", "correct horse"));
    }

    @Test
    void aTokensCallsCountAgainstTheirMethodsTier() {
        String token = createWorkspace("owner-" + UUID.randomUUID() + "@example.test");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        for (int i = 0; i < 20; i++) {
            assertThat(call(HTTP, "users.list", auth).body()).contains("\"ok\":true");
        }
        HttpResponse<String> over = call(HTTP, "users.list", auth);
        assertRateLimited(over);
        assertThat(over.headers().firstValue("Retry-After")).contains("3");
        assertThat(call(HTTP, "team.info", auth).body()).as("another method").contains("\"ok\":true");
    }
}
