package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.response.team.TeamInfoResponse;
import com.slack.api.util.http.SlackHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Rate limits as clients meet them, at the limits the test processes run with ({@link ParleyProcess#VOLUME} raises only
 * what other scenarios need in volume): a burst over a tier is answered with Slack's 429, {@code Retry-After} and
 * {@code ratelimited}, and goes through once the client waited; the limit holds whichever entry point the calls
 * use; sign-in guessing is throttled per account and per client address, which a client cannot choose; and the
 * official Slack SDK retries a 429 by itself. Clients that must not share an address with other scenarios come from
 * an address of their own in 127/8.
 */
interface RateLimitScenario {

    String RATELIMITED = "{\"ok\":false,\"error\":\"ratelimited\"}";

    /** The Web API base URL clients use. */
    String apiUrl();

    /** Every public entry point; calls are spread over all of them. */
    default List<String> apiUrls() {
        return List.of(apiUrl());
    }

    /** One answer as the client saw it. */
    record Answer(int status, String retryAfter, String body) {
        boolean ratelimited() {
            return status == 429;
        }

        void assertRatelimited() {
            assertThat(status).as(body).isEqualTo(429);
            assertThat(Long.parseLong(retryAfter)).as("Retry-After").isPositive();
            assertThat(body).isEqualTo(RATELIMITED);
        }
    }

    /** A client on a loopback address of its own (all of 127/8 is this machine), never 127.0.0.1. */
    private static HttpClient clientOnOwnAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            InetAddress local = InetAddress.getByAddress(new byte[] {127, (byte) random.nextInt(1, 255),
                    (byte) random.nextInt(0, 256), (byte) random.nextInt(1, 255)});
            return HttpClient.newBuilder().localAddress(local).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer call(HttpClient http, String baseUrl, String token, Map<String, String> headers, String method,
                               String... form) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(form[i]).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + method))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.headers().firstValue("Retry-After").orElse(null), answer.body());
        } catch (IOException e) {
            throw new AssertionError(method + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Answer signIn(HttpClient http, int call, Map<String, String> headers, String email, String password) {
        List<String> urls = apiUrls();
        return call(http, urls.get(call % urls.size()), null, headers, "auth.signin", "email", email, "password", password);
    }

    /** Calls a Tier 3 method with the token over every entry point in turn until refused; returns the calls allowed. */
    private int exhaustTier3(String token, List<Answer> refusal) {
        List<String> urls = apiUrls();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 200; i++) {
                Answer answer = call(http, urls.get(i % urls.size()), token, Map.of(), "team.info");
                if (answer.ratelimited()) {
                    refusal.add(answer);
                    return i;
                }
                assertThat(answer.body()).as("call %d", i).contains("\"ok\":true");
            }
        }
        throw new AssertionError("200 calls of a Tier 3 method were never refused");
    }

    @Test
    default void aBurstOverATierIsRefusedWithSlacks429AndGoesThroughAfterTheWait() throws InterruptedException {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        List<Answer> refusal = new ArrayList<>();
        int allowed = exhaustTier3(team.get(0).token(), refusal);
        // Tier 3 is 50 a minute with a burst of 50; a call or two more may have been refilled meanwhile.
        assertThat(allowed).as("calls allowed before the first 429, over %d entry points", apiUrls().size())
                .isBetween(50, 53);
        Answer refused = refusal.getFirst();
        refused.assertRatelimited();
        assertThat(refused.retryAfter()).as("1.2 s until the next call, rounded up").isIn("1", "2");

        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String url : apiUrls()) {
                call(http, url, team.get(0).token(), Map.of(), "team.info").assertRatelimited();
            }
            assertThat(call(http, apiUrl(), team.get(0).token(), Map.of(), "auth.test").body())
                    .as("another method has an allowance of its own").contains("\"ok\":true");
            TimeUnit.SECONDS.sleep(Long.parseLong(refused.retryAfter()));
            assertThat(call(http, apiUrls().getLast(), team.get(0).token(), Map.of(), "team.info").body())
                    .contains("\"ok\":true");
        }
    }

    @Test
    default void signInGuessingIsThrottledPerAccountTheSameForUnknownEmails() {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        String known = "user0@" + team.domain() + ".test";
        String unknown = "nobody-" + UUID.randomUUID() + "@" + team.domain() + ".test";
        try (HttpClient guesser = clientOnOwnAddress()) {
            for (String email : List.of(known, unknown)) {
                for (int i = 0; i < 10; i++) {
                    Answer wrong = signIn(guesser, i, Map.of(), email, "wrong guess " + i);
                    assertThat(wrong.status()).as(wrong.body()).isEqualTo(200);
                    assertThat(wrong.body()).isEqualTo("{\"ok\":false,\"error\":\"invalid_auth\"}");
                }
                signIn(guesser, 10, Map.of(), email, "wrong guess 10").assertRatelimited();
            }
        }
        try (HttpClient owner = clientOnOwnAddress()) {
            signIn(owner, 11, Map.of(), known, "correct horse 0").assertRatelimited();
            signIn(owner, 12, Map.of(), known.toUpperCase(java.util.Locale.ROOT), "correct horse 0").assertRatelimited();
        }
    }

    @Test
    default void signInGuessingIsThrottledPerClientAddressWhichAClientCannotChoose() {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        String account = "user0@" + team.domain() + ".test";
        try (HttpClient guesser = clientOnOwnAddress(); HttpClient elsewhere = clientOnOwnAddress()) {
            guessFromOneAddress(guesser, elsewhere, account);
        }
    }

    private void guessFromOneAddress(HttpClient guesser, HttpClient elsewhere, String account) {
        // Guesses at one account, refused once its allowance is gone, still count for the address: soon the address
        // is refused whatever it tries.
        boolean addressRefused = false;
        for (int round = 0; round < 100 && !addressRefused; round++) {
            for (int i = 0; i < 20; i++) {
                signIn(guesser, i, Map.of(), account, "guess " + round + "." + i);
            }
            addressRefused = signIn(guesser, round, Map.of(), "fresh-" + UUID.randomUUID() + "@example.test", "guess")
                    .ratelimited();
        }
        assertThat(addressRefused).as("the guessing address is refused for any email").isTrue();

        // Wait for the address's next allowance and use it up, so the calls below fall early in the next interval
        // (a second at the test servers' limit) rather than just before it ends.
        int n = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (signIn(guesser, n++, Map.of(), "fresh-" + UUID.randomUUID() + "@example.test", "guess").ratelimited()) {
            assertThat(System.nanoTime()).as("the address gets a new allowance").isLessThan(deadline);
        }
        for (int i = 0; i < apiUrls().size() * 2; i++) {
            Map<String, String> claim = Map.of("X-Parley-Client-Address", "203.0.113." + (i + 1),
                    "X-Forwarded-For", "203.0.113." + (i + 1));
            signIn(guesser, i, claim, "spoof-" + UUID.randomUUID() + "@example.test", "guess").assertRatelimited();
        }
        Answer other = signIn(elsewhere, 1, Map.of(), "fresh-" + UUID.randomUUID() + "@example.test", "guess");
        assertThat(other.body()).as("another address is not refused").isEqualTo("{\"ok\":false,\"error\":\"invalid_auth\"}");
    }

    @Test
    default void theSlackSdkRetriesA429ByItself() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        String token = team.get(0).token();
        exhaustTier3(token, new ArrayList<>());

        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        OkHttpClient recording = new OkHttpClient.Builder().addInterceptor(chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            seen.add(chain.request().url().encodedPath() + " " + response.code());
            return response;
        }).build();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrls().getLast() + "/api/");
        config.getMethodsConfig().setExecutorName("parley-e2e-" + UUID.randomUUID());
        try (Slack slack = Slack.getInstance(config, new SlackHttpClient(recording))) {
            // The asynchronous client queues calls per team and method; a 429 is recorded with its Retry-After and
            // the call queued again until then (AsyncRateLimitExecutor).
            TeamInfoResponse info = slack.methodsAsync(token).teamInfo(r -> r).get(60, TimeUnit.SECONDS);
            assertThat(info.isOk()).as(info.toString()).isTrue();
            assertThat(info.getTeam().getId()).isEqualTo(team.teamId());
        }
        List<String> teamInfoCalls = seen.stream().filter(s -> s.startsWith("/api/team.info")).toList();
        assertThat(teamInfoCalls).as("every call the SDK made: %s", seen)
                .startsWith("/api/team.info 429").endsWith("/api/team.info 200");
        assertThat(teamInfoCalls.stream().collect(Collectors.toSet())).hasSize(2);
    }
}
