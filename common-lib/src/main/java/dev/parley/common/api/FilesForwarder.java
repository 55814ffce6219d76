package dev.parley.common.api;

import dev.parley.common.remote.ClientAddresses;
import dev.parley.common.role.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The files service's own URLs that reach a process not serving them, typically a gateway: the bytes of files
 * ({@code /files-pri/**}, {@code /files-tmb/**}, {@code /files-pub/**}) and the signed blob URLs ({@code /blobs/**}),
 * relayed to {@code parley.services.files.url} so every URL a client was handed works through any gateway. Bodies are
 * streamed both ways (an upload may be as large as the files service allows), never held here.
 */
@RestController
class FilesForwarder {

    private static final Logger log = LoggerFactory.getLogger(FilesForwarder.class);
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Disposition",
            "X-Content-Type-Options", "Content-Security-Policy", "Cache-Control", "Location");

    private final ApiForwarder forwarder;
    private final ClientAddresses clientAddresses;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FilesForwarder(ApiForwarder forwarder, ClientAddresses clientAddresses) {
        this.forwarder = forwarder;
        this.clientAddresses = clientAddresses;
    }

    @RequestMapping({"/files-pri/**", "/files-tmb/**", "/files-pub/**", "/blobs/**"})
    void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> target = forwarder.remote(Role.FILES);
        if (target.isEmpty()) {
            plain(response, 404, "no_service");
            return;
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        HttpRequest.Builder out;
        try {
            out = HttpRequest.newBuilder(URI.create(target.get() + request.getRequestURI() + query))
                    .timeout(Duration.ofMinutes(30))
                    .method(request.getMethod(), body(request));
            for (String name : REQUEST_HEADERS) {
                String value = request.getHeader(name);
                if (value != null) {
                    out.header(name, value);
                }
            }
        } catch (IllegalArgumentException e) {
            plain(response, 400, "invalid_request");
            return;
        }
        out.header(ClientAddresses.HEADER, clientAddresses.vouch(clientAddresses.of(request)));
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(out.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            plain(response, 503, "service_unavailable");
            return;
        } catch (IOException | UncheckedIOException e) {
            log.warn("Forwarding {} to {} failed: {}", request.getRequestURI(), target.get(), e.toString());
            plain(response, 503, "service_unavailable");
            return;
        }
        response.setStatus(answer.statusCode());
        for (String name : RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(v -> response.setHeader(name, v));
        }
        answer.headers().firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
        try (InputStream in = answer.body()) {
            in.transferTo(response.getOutputStream());
        }
    }

    /** The client's body as it comes, with its length when it said one (the signed upload URLs check it). */
    private static HttpRequest.BodyPublisher body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static void plain(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write((body + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
