package dev.parley.common.api;

import dev.parley.common.remote.InternalSecret;
import dev.parley.common.role.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Forwards a Web API call this process does not serve to the service that owns it ({@link ApiRoutes}), so clients
 * and SDKs see one base URL in the distributed topology too.
 */
public class ApiForwarder {

    private final Environment env;
    private final InternalSecret secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiForwarder(Environment env, InternalSecret secret) {
        this.env = env;
        this.secret = secret;
    }

    /** The base URL of the remote service owning this method, when this process is configured to reach it. */
    Optional<String> target(String method) {
        return ApiRoutes.owner(method).flatMap(this::remote);
    }

    /** The base URL of a role this process does not run, when it is configured to reach it. */
    Optional<String> remote(Role role) {
        return Optional.of(role)
                .filter(r -> !Role.enabled(env).contains(r))
                .map(r -> env.getProperty("parley.services." + r.id() + ".url", ""))
                .filter(url -> !url.isBlank());
    }

    void forward(String baseUrl, String method, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        relay(baseUrl + "/api/" + method + query, request, response);
    }

    /**
     * Sends the request (method, body, content type, authorization) to {@code url} and writes its answer (status,
     * content type, Slack's scope and retry headers, body) as this request's answer.
     */
    void relay(String url, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        byte[] body = request.getInputStream().readNBytes(ApiRequestParser.MAX_BODY_BYTES + 1);
        if (body.length > ApiRequestParser.MAX_BODY_BYTES) {
            throw new SlackApiException("request_too_large");
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .method(request.getMethod().equals("GET") ? "GET" : "POST",
                        body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        copyHeader(request, out, "Content-Type");
        copyHeader(request, out, "Authorization");
        copyHeader(request, out, "User-Agent");
        // The owning service records who called (audit log), so it is told the client's address, with the secret
        // that makes it believe so.
        out.header(InternalSecret.HEADER, secret.value());
        out.header(InternalSecret.CLIENT_IP_HEADER, ApiDispatcher.clientAddress(request, secret));
        HttpResponse<byte[]> answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.setStatus(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(response::setContentType);
        for (String header : java.util.List.of("Retry-After", "X-OAuth-Scopes", "X-Accepted-OAuth-Scopes")) {
            answer.headers().firstValue(header).ifPresent(v -> response.setHeader(header, v));
        }
        response.getOutputStream().write(answer.body());
    }

    private static void copyHeader(HttpServletRequest from, HttpRequest.Builder to, String name) {
        String value = from.getHeader(name);
        if (value != null) {
            to.header(name, value);
        }
    }
}
