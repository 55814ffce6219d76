package dev.parley.files;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A request a client may make without a token until {@code expiresAt}: send {@code method} to {@code url} with these
 * headers (for an upload, the body is the blob's bytes). The URL carries its own authorization, so it is handed only to
 * the caller who was allowed to make it.
 */
public record PresignedRequest(String method, URI url, Map<String, String> headers, Instant expiresAt) {

    public PresignedRequest {
        headers = Map.copyOf(headers);
    }
}
