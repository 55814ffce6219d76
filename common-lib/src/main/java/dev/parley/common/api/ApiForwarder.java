package dev.parley.common.api;

import dev.parley.common.remote.ClientAddresses;
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
    private final ClientAddresses clientAddresses;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiForwarder(Environment env, ClientAddresses clientAddresses) {
        this.env = env;
        this.clientAddresses = clientAddresses;
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
        byte[] body = ApiRequestParser.readBody(request);
        // What the owning service would refuse for its envelope is refused here, before anything goes over the wire.
        ApiRequestParser.checkEnvelope(request, body);
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        relay(baseUrl + "/api/" + method + query, request, body, response);
    }

    /**
     * Sends the request (method, body, content type, authorization) to {@code url} and writes its answer (status,
     * content type, Slack's scope and retry headers, body) as this request's answer.
     */
    void relay(String url, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        relay(url, request, ApiRequestParser.readBody(request), response);
    }

    private void relay(String url, HttpServletRequest request, byte[] body, HttpServletResponse response)
            throws IOException, InterruptedException {
        HttpRequest.Builder out;
        try {
            out = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .method(request.getMethod().equals("GET") ? "GET" : "POST",
                            body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            copyHeader(request, out, "Content-Type");
        } catch (IllegalArgumentException e) {
            // A query or Content-Type the servlet container let through that is no valid URI or header value.
            throw new SlackApiException("invalid_form_data");
        }
        try {
            copyHeader(request, out, "Authorization");
        } catch (IllegalArgumentException e) {
            throw new SlackApiException("invalid_auth");
        }
        // The owning service records the caller's user agent in its audit log.
        copyUserAgent(request, out);
        // The owning service sees this gateway as its peer, so the gateway vouches for the client's own address.
        out.header(ClientAddresses.HEADER, clientAddresses.vouch(clientAddresses.of(request)));
        HttpResponse<byte[]> answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.setStatus(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(response::setContentType);
        for (String header : java.util.List.of("Retry-After", "X-OAuth-Scopes", "X-Accepted-OAuth-Scopes")) {
            answer.headers().firstValue(header).ifPresent(v -> response.setHeader(header, v));
        }
        response.getOutputStream().write(answer.body());
    }

    private static void copyUserAgent(HttpServletRequest from, HttpRequest.Builder to) {
        try {
            copyHeader(from, to, "User-Agent");
        } catch (IllegalArgumentException e) {
            // A user agent no HTTP client may send again is only left out of the audit log, not refused.
        }
    }

    private static void copyHeader(HttpServletRequest from, HttpRequest.Builder to, String name) {
        String value = from.getHeader(name);
        if (value != null) {
            to.header(name, value);
        }
    }
}
