package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web client as each topology serves it: every gateway (the standalone server too) answers {@code /} and the
 * app's routes with the page and its hashed files with long-lived caching and compression, while the API and the
 * socket keep their own answers; a process without the gateway role does not serve the app.
 */
interface WebClientServingScenario {

    /** Every process clients connect to (the gateways; the standalone server). */
    List<String> gatewayUrls();

    List<String> processUrls();

    private static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    default void everyGatewayServesTheWebClient() throws Exception {
        for (String gateway : gatewayUrls()) {
            HttpResponse<byte[]> page = get(gateway + "/");
            assertThat(page.statusCode()).as(gateway).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
            String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(html).contains("<div id=\"app\">");
            Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
            assertThat(script.find()).as("the page loads its script").isTrue();

            HttpResponse<byte[]> asset = get(gateway + script.group(1), "Accept-Encoding", "gzip, br");
            assertThat(asset.statusCode()).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(asset.headers().firstValue("Content-Encoding")).hasValue("br");

            HttpResponse<byte[]> route = get(gateway + "/client/T123/C456");
            assertThat(new String(route.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(html);

            HttpResponse<byte[]> api = get(gateway + "/api/api.test");
            assertThat(new String(api.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            assertThat(get(gateway + "/rtm").statusCode()).as("the socket's refusal, not the page").isEqualTo(401);
        }
        for (String process : processUrls()) {
            if (!gatewayUrls().contains(process)) {
                HttpResponse<byte[]> root = get(process + "/");
                assertThat(new String(root.body(), java.nio.charset.StandardCharsets.UTF_8)).as(process).doesNotContain("<div id=\"app\">");
            }
        }
    }
}
