package dev.parley.files;

import java.time.Instant;

/** What the store knows of a blob without reading it: its size in bytes, the content type it was stored with, when. */
public record BlobInfo(BlobKey key, long length, String contentType, Instant lastModified) {

    /** What a blob stored without a content type is served as. */
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /**
     * The content type a store keeps for {@code requested}: the default for none, and a refusal of anything that could
     * break a header or a store's metadata (control characters, non-ASCII, over 255 characters).
     */
    public static String contentType(String requested) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_CONTENT_TYPE;
        }
        if (requested.length() > 255 || requested.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("Not a content type: " + requested);
        }
        return requested;
    }
}
