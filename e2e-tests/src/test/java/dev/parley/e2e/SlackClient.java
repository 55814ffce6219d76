package dev.parley.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal Web API client, as a bot or script would call Parley: form posts with a bearer token. */
final class SlackClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SlackClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    String token() {
        return token;
    }

    String baseUrl() {
        return baseUrl;
    }

    SlackClient withToken(String newToken) {
        return new SlackClient(baseUrl, newToken);
    }

    /** The same caller through another entry point (another gateway). */
    SlackClient withBase(String newBaseUrl) {
        return new SlackClient(newBaseUrl, token);
    }

    /** Calls a method with form arguments ({@code k1, v1, k2, v2, ...}). */
    JsonNode call(String method, String... args) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            form.put(args[i], args[i + 1]);
        }
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return raw(method, "application/x-www-form-urlencoded", body);
    }

    /** Calls a method with a body as given, to test what malformed input gets. */
    JsonNode raw(String method, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + method))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(method + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Calls a method that must succeed and returns its answer. */
    JsonNode ok(String method, String... args) {
        JsonNode answer = call(method, args);
        if (!answer.path("ok").asBoolean(false)) {
            throw new AssertionError(method + " failed: " + answer);
        }
        return answer;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
