package dev.parley.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Web API as a bot calls it: form posts to {@code /api/<method>} with a bearer token. */
public final class ParleyApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    public ParleyApi(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public ParleyApi withToken(String newToken) {
        return new ParleyApi(http, baseUrl, newToken);
    }

    /** The same caller on another gateway. */
    public ParleyApi at(String otherBaseUrl) {
        return new ParleyApi(http, otherBaseUrl, token);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String token() {
        return token;
    }

    /** Calls a method that must answer {@code ok:true}; anything else stops the run with the answer. */
    public JsonNode ok(String method, String... args) {
        try {
            JsonNode answer = JSON.readTree(http.send(request(method, args), HttpResponse.BodyHandlers.ofString()).body());
            if (!answer.path("ok").asBoolean()) {
                throw new IllegalStateException(method + " failed: " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(method + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls a method without waiting; the future holds the raw answer body. */
    public CompletableFuture<String> async(String method, String... args) {
        return http.sendAsync(request(method, args), HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
    }

    /**
     * Calls a method on a connection of the caller's own, kept alive between calls and blocking (for a virtual
     * thread that sends one call at a time); the raw answer body. Throws when the exchange fails.
     */
    public String call(KeepAliveHttp connection, String method, String... args) throws IOException {
        return connection.postForm("/api/" + method, token, form(args)).body();
    }

    /** A connection for {@link #call(KeepAliveHttp, String, String...)} to this caller's gateway. */
    public KeepAliveHttp connection() {
        return new KeepAliveHttp(baseUrl);
    }

    /** Name and value pairs as a form body. */
    static String form(String... args) {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < args.length; i += 2) {
            form.add(URLEncoder.encode(args[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(args[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private HttpRequest request(String method, String... args) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + method))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(args)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }
}
