package dev.parley.files.signed;

import dev.parley.files.BlobResponses;
import dev.parley.files.Blob;
import dev.parley.files.BlobInfo;
import dev.parley.files.BlobRejectedException;
import dev.parley.files.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@link SignedUrls}, into and out of whichever blob store is configured: {@code PUT} or {@code POST} of the raw
 * bytes to an upload URL (as Slack's SDKs send them; the answer is Slack's {@code OK - <bytes>}), {@code GET} of a
 * download URL. A forged, changed or
 * expired URL, a length other than the signed one and a missing blob get a plain 4xx whose body names the error.
 *
 * <p>An annotated controller, not a functional route: Spring MVC builds a functional route's request (parsing the
 * Content-Type) for every request of the process, so one client's malformed header would fail every path with a 500.
 */
@RestController
class SignedUrlRoutes {

    private final BlobStore store;
    private final SignedUrls urls;

    SignedUrlRoutes(BlobStore store, SignedUrls urls) {
        this.store = store;
        this.urls = urls;
    }

    @RequestMapping(path = SignedUrls.UPLOAD_PATH, method = {RequestMethod.PUT, RequestMethod.POST})
    void upload(HttpServletRequest servlet, HttpServletResponse response) throws IOException {
        try {
            SignedUrls.Upload grant = urls.verifyUpload(query(servlet));
            long declared = servlet.getContentLengthLong();
            // Refused before reading a byte; a chunked body (no Content-Length) is counted as it is stored.
            if (declared >= 0 && declared != grant.length()) {
                throw BlobRejectedException.lengthMismatch(grant.length(), declared);
            }
            BlobInfo stored = store.put(grant.key(), servlet.getInputStream(), grant.length(), grant.contentType());
            plain(response, HttpStatus.OK, "OK - " + stored.length(), false);
        } catch (BlobRejectedException e) {
            refuse(response, e);
        }
    }

    @GetMapping(SignedUrls.DOWNLOAD_PATH)
    void download(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignedUrls.Download grant;
        try {
            grant = urls.verifyDownload(query(request));
        } catch (BlobRejectedException e) {
            refuse(response, e);
            return;
        }
        Optional<Blob> found = store.get(grant.key());
        if (found.isEmpty()) {
            plain(response, HttpStatus.NOT_FOUND, "file_not_found", true);
            return;
        }
        Blob blob = found.get();
        ContentDisposition disposition = grant.name() == null ? ContentDisposition.attachment().build()
                : ContentDisposition.attachment().filename(grant.name(), StandardCharsets.UTF_8).build();
        BlobResponses.stream(response, blob, blob.info().contentType(), disposition);
    }

    private static void refuse(HttpServletResponse response, BlobRejectedException e) throws IOException {
        HttpStatus status = switch (e.error()) {
            case "invalid_signature", "url_expired" -> HttpStatus.FORBIDDEN;
            case "file_too_large" -> HttpStatus.PAYLOAD_TOO_LARGE;
            default -> HttpStatus.BAD_REQUEST;
        };
        plain(response, status, e.error(), true);
    }

    private static void plain(HttpServletResponse response, HttpStatus status, String text, boolean newline)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.getOutputStream().write((newline ? text + "\n" : text).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The query string's parameters, decoded; never the servlet's parameters, which for a form-encoded POST would
     * read the body, the very bytes being uploaded.
     */
    private static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> params = new HashMap<>();
        String query = request.getQueryString();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                // A repeated parameter makes the URL ambiguous; treating it as absent fails the signature.
                if (params.putIfAbsent(name, value) != null) {
                    params.put(name, "");
                }
            } catch (IllegalArgumentException malformed) {
                params.put("signature", "");
            }
        }
        return params;
    }
}
