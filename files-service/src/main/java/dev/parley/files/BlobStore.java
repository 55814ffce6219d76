package dev.parley.files;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The blob store port: the bytes of uploaded files and their thumbnails, under {@link BlobKey}s namespaced per
 * workspace. Adapters: {@code local} (files on disk under {@code <parley.data-dir>/files}, the standalone default) and
 * {@code s3} (a bucket of an S3-compatible server); {@code BlobStoreContractTest} holds both to one behaviour.
 *
 * <p>A {@link #put} is all or nothing: readers see the old blob or the whole new one, never part of it, and a put that
 * fails (the stream broke, the length was wrong, the blob too large) leaves what was there before. Large blobs are
 * streamed, never held in memory; the S3 adapter sends blobs above its part size as a multipart upload.
 *
 * <p>Slack's upload flow ({@code files.getUploadURLExternal} → the client sends the bytes → {@code
 * files.completeUploadExternal}) needs an upload URL bound to the announced length, then {@link #stat} at completion to
 * check that the blob arrived whole, then {@link #presignDownload} (or {@link #get}) to serve it and {@link
 * #deleteByPrefix} to remove a deleted file's original and thumbnails together. Slack's SDKs POST the raw bytes, which
 * an S3 presigned PUT does not take, so their upload URL is files-service's own ({@code signed.SignedUrls}, which
 * streams into any store through {@link #put}); {@link #presignUpload} is for clients that can PUT straight to the
 * store.
 */
public interface BlobStore {

    /** Stands for "the stream's length is not known in advance" in {@link #put}. */
    long UNKNOWN_LENGTH = -1;

    /**
     * Stores the bytes of {@code content} (read to its end, not closed) under {@code key}, replacing any blob there.
     * When {@code length} is not {@link #UNKNOWN_LENGTH} the stream must hold exactly that many bytes.
     *
     * @throws BlobRejectedException if the bytes exceed the store's size limit or differ from {@code length}; nothing is
     *                               stored then
     */
    BlobInfo put(BlobKey key, InputStream content, long length, String contentType);

    /** The blob and a stream of its bytes, or empty if there is none; the caller closes the {@link Blob}. */
    Optional<Blob> get(BlobKey key);

    /** The blob's size, content type and time of writing, or empty if there is none. */
    Optional<BlobInfo> stat(BlobKey key);

    default boolean exists(BlobKey key) {
        return stat(key).isPresent();
    }

    /** Removes the blob; removing one that does not exist does nothing. */
    void delete(BlobKey key);

    /**
     * Removes the blob at {@code prefix} and every blob below it, by whole path segments: {@code F1} removes {@code F1}
     * and {@code F1/thumb_64.png} but not {@code F10}. Returns how many were removed.
     */
    int deleteByPrefix(BlobKey prefix);

    /**
     * A URL to which a client may send, without a token until it expires, exactly {@code length} bytes for {@code key}
     * (PUT; the local store also takes POST, as Slack's upload URLs do). Where the server checks the signature (the
     * local store, real S3), a different length, a changed URL or a late request is refused.
     */
    PresignedRequest presignUpload(BlobKey key, long length, String contentType, Duration lifetime);

    /**
     * A URL from which a client may GET the blob without a token until it expires; {@code downloadName}, if not null,
     * is the file name the response asks the browser to save it as.
     */
    PresignedRequest presignDownload(BlobKey key, Duration lifetime, String downloadName);

    /** The longest blob {@link #put} accepts, in bytes. */
    long maxLength();
}
