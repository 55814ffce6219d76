package dev.parley.files.access;

import dev.parley.files.BlobResponses;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.TokenVerifier;
import dev.parley.files.Blob;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobStore;
import dev.parley.files.metadata.FileRepository;
import dev.parley.files.metadata.FileStatus;
import dev.parley.files.metadata.StoredFile;
import dev.parley.files.metadata.StoredThumbnail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the bytes of files ({@link FileUrls}): {@code url_private} and its thumbnails to the bearer of a token of
 * someone who may read the file ({@link FileAccess}), {@code url_private_download} the same as an attachment, and
 * {@code permalink_public} to anyone while the file is shared publicly. Only files whose processing is over and
 * {@code ready} are served. No token is {@code 401}; a file the token's user may not read, of another workspace,
 * quarantined, failed or deleted is a plain {@code 404}, the same as one that never was. The bytes stream from the
 * store, never rendered as a page of this origin: images inline, anything else as an attachment, always with
 * {@code nosniff} and a sandboxing CSP. An annotated controller, not a functional route (see {@code SignedUrlRoutes}).
 */
@RestController
class FileDownloads {

    /** Raster images a browser may show inline; anything else (SVG included: it can script) is an attachment. */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp");

    private final FileRepository files;
    private final FileAccess access;
    private final BlobStore store;
    private final TokenVerifier tokens;

    FileDownloads(FileRepository files, FileAccess access, BlobStore store, TokenVerifier tokens) {
        this.files = files;
        this.access = access;
        this.store = store;
        this.tokens = tokens;
    }

    @GetMapping(FileUrls.PRIVATE + "{key}/download/{name}")
    void download(@PathVariable String key, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        privateFile(key, request, response, true);
    }

    @GetMapping(FileUrls.PRIVATE + "{key}/{name}")
    void view(@PathVariable String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
        privateFile(key, request, response, false);
    }

    private void privateFile(String key, HttpServletRequest request, HttpServletResponse response, boolean download)
            throws IOException {
        Optional<Caller> caller = caller(request);
        if (caller.isEmpty()) {
            plain(response, HttpStatus.UNAUTHORIZED, "not_authed");
            return;
        }
        Optional<StoredFile> file = readable(caller.get(), key);
        if (file.isEmpty()) {
            notFound(response);
            return;
        }
        StoredFile f = file.get();
        stream(response, BlobKey.of(f.workspaceId(), StoredFile.originalPath(f.id())), f.mimetype(), f.name(),
                download || !INLINE.contains(f.mimetype()));
    }

    @GetMapping(FileUrls.THUMBS + "{key}/{thumb}")
    void thumbnail(@PathVariable String key, @PathVariable("thumb") String name, HttpServletRequest request,
                   HttpServletResponse response) throws IOException {
        Optional<Caller> caller = caller(request);
        if (caller.isEmpty()) {
            plain(response, HttpStatus.UNAUTHORIZED, "not_authed");
            return;
        }
        Optional<StoredFile> file = readable(caller.get(), key);
        Optional<StoredThumbnail> thumb = file.flatMap(f -> f.thumbnails().stream()
                .filter(t -> t.blobName().equals(name)).findFirst());
        if (thumb.isEmpty()) {
            notFound(response);
            return;
        }
        StoredFile f = file.get();
        stream(response, BlobKey.of(f.workspaceId(), f.id()).child(name), thumb.get().mimetype(), name, false);
    }

    @GetMapping(FileUrls.PUBLIC + "{key}/{name}")
    void publicFile(@PathVariable String key, HttpServletResponse response) throws IOException {
        // T…-F…-<secret>
        String[] parts = key.split("-", 3);
        if (parts.length != 3) {
            notFound(response);
            return;
        }
        Optional<StoredFile> file = find(parts[0], parts[1])
                .filter(f -> f.publicSecret() != null && MessageDigest.isEqual(
                        f.publicSecret().getBytes(StandardCharsets.UTF_8), parts[2].getBytes(StandardCharsets.UTF_8)));
        if (file.isEmpty()) {
            notFound(response);
            return;
        }
        StoredFile f = file.get();
        stream(response, BlobKey.of(f.workspaceId(), StoredFile.originalPath(f.id())), f.mimetype(), f.name(),
                !INLINE.contains(f.mimetype()));
    }

    /** The file named by {@code T…-F…}, when ready and readable by the caller. */
    private Optional<StoredFile> readable(Caller caller, String key) {
        int dash = key.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String workspaceId = key.substring(0, dash);
        if (!workspaceId.equals(caller.workspaceId())) {
            return Optional.empty();
        }
        return find(workspaceId, key.substring(dash + 1))
                .filter(f -> access.canRead(caller, f, files.shares(f.workspaceId(), f.id())));
    }

    /** A live, ready file; the ids are checked before they reach the store. */
    private Optional<StoredFile> find(String workspaceId, String fileId) {
        if (!dev.parley.common.id.Ids.looksLike(workspaceId, 'T', 'E')
                || !dev.parley.common.id.Ids.looksLike(fileId, 'F')) {
            return Optional.empty();
        }
        return files.find(workspaceId, fileId).filter(f -> !f.deleted() && f.status() == FileStatus.READY);
    }

    private Optional<Caller> caller(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.verify(header.substring(7).trim()));
        } catch (SlackApiException e) {
            return Optional.empty();
        }
    }

    private void stream(HttpServletResponse response, BlobKey key, String contentType, String name,
                        boolean attachment) throws IOException {
        Optional<Blob> found = store.get(key);
        if (found.isEmpty()) {
            notFound(response);
            return;
        }
        Blob blob = found.get();
        ContentDisposition disposition = (attachment ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(name, StandardCharsets.UTF_8).build();
        BlobResponses.stream(response, blob, contentType, disposition);
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        plain(response, HttpStatus.NOT_FOUND, "file_not_found");
    }

    private static void plain(HttpServletResponse response, HttpStatus status, String error) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.getOutputStream().write((error + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
