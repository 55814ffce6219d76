package dev.parley.workspace.webhook;

import dev.parley.common.json.SlackJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The secret webhook URLs, {@code /hooks/T…/B…/<secret>}: a JSON body, or a form with the JSON in {@code payload},
 * answered in plain text exactly as Slack's incoming webhooks answer ({@code ok}, or the error with its status; over
 * the webhook's rate limit {@code 429 rate_limited} with {@code Retry-After}).
 */
@RestController
class WebhookEndpoint {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final WebhookService webhooks;

    WebhookEndpoint(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @RequestMapping("/hooks/**")
    void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebhookService.Delivery delivery = deliver(request);
        response.setStatus(delivery.status());
        if (delivery.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(delivery.retryAfterSeconds()));
        }
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write(delivery.body().getBytes(StandardCharsets.UTF_8));
    }

    private WebhookService.Delivery deliver(HttpServletRequest request) {
        String[] path = request.getRequestURI().substring("/hooks".length()).split("/", -1);
        // path[0] is the empty text before the first slash: then team, service (bot) and secret.
        String team = path.length > 1 ? path[1] : "";
        String bot = path.length > 2 ? path[2] : "";
        String secret = path.length > 3 ? path[3] : "";
        if (path.length > 4 || !request.getMethod().equals("POST")) {
            return new WebhookService.Delivery(path.length > 4 ? 404 : 405, path.length > 4 ? "no_service" : "invalid_method");
        }
        return webhooks.deliver(team, bot, secret, payload(request));
    }

    /** The post's message, or null when the body is not a readable payload ({@code invalid_payload}). */
    private static WebhookService.Payload payload(HttpServletRequest request) {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            return null;
        }
        if (body.length > MAX_BODY_BYTES || body.length == 0) {
            return null;
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        String json = new String(body, StandardCharsets.UTF_8);
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            json = formField(json, "payload");
        }
        JsonNode root;
        try {
            root = json == null ? null : SlackJson.MAPPER.readTree(json);
        } catch (RuntimeException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        String text = scalar(root.get("text"));
        String threadTs = scalar(root.get("thread_ts"));
        JsonNode blocks = root.get("blocks");
        JsonNode attachments = root.get("attachments");
        if ((blocks != null && !blocks.isNull() && !blocks.isArray())
                || (attachments != null && !attachments.isNull() && !attachments.isArray())
                || (root.get("text") != null && !root.get("text").isNull() && !root.get("text").isValueNode())) {
            return null;
        }
        return new WebhookService.Payload(text,
                blocks == null || blocks.isNull() ? null : blocks.toString(),
                attachments == null || attachments.isNull() ? null : attachments.toString(), threadTs);
    }

    private static String scalar(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asString();
    }

    private static String formField(String form, String name) {
        try {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
