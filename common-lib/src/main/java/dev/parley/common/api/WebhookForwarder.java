package dev.parley.common.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incoming webhook posts ({@code /hooks/T…/B…/<secret>}) that reach a process not serving them, typically a gateway,
 * go to the process that does ({@link ApiRoutes#WEBHOOKS}), so a webhook URL works through any gateway.
 */
@RestController
class WebhookForwarder {

    private static final Logger log = LoggerFactory.getLogger(WebhookForwarder.class);

    private final ApiForwarder forwarder;

    WebhookForwarder(ApiForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @RequestMapping("/hooks/**")
    void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> target = forwarder.remote(ApiRoutes.WEBHOOKS);
        if (target.isEmpty()) {
            plain(response, 404, "no_service");
            return;
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        try {
            forwarder.relay(target.get() + request.getRequestURI() + query, request, response);
        } catch (SlackApiException e) {
            plain(response, 400, "invalid_payload");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            plain(response, 503, "service_unavailable");
        } catch (IOException e) {
            log.warn("Forwarding a webhook post to {} failed: {}", target.get(), e.toString());
            plain(response, 503, "service_unavailable");
        }
    }

    /** Incoming webhooks answer in plain text, as Slack's do. */
    static void plain(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
