package dev.parley.files;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Sends a stored blob as an HTTP answer, the one way every download route of files-service does. */
public final class BlobResponses {

    private BlobResponses() {
    }

    /**
     * Streams the blob with its length and the given type and disposition. The bytes are a user's: never rendered as
     * a page of this origin, never sniffed into one, cached only privately and briefly.
     */
    public static void stream(HttpServletResponse response, Blob blob, String contentType, ContentDisposition disposition)
            throws IOException {
        response.setStatus(200);
        response.setContentType(mediaType(contentType).toString());
        response.setContentLengthLong(blob.info().length());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition.toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "sandbox");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=60");
        try (blob) {
            blob.content().transferTo(response.getOutputStream());
        } catch (IOException e) {
            // The client went away mid-download; nothing to answer any more.
        }
    }

    /** The stored type, or plain bytes where a store kept none or one that does not parse. */
    public static MediaType mediaType(String contentType) {
        try {
            return contentType == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
