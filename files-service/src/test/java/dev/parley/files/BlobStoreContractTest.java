package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BlobStore} adapter shares; each adapter's test extends it with a store over a real
 * backend (a directory and files-service's HTTP routes, a real S3-compatible server). Presigned URLs are exercised
 * through plain {@link HttpClient}, as a browser or an SDK would send them.
 */
public abstract class BlobStoreContractTest {

    /** The size limit the stores under test are made with, small enough to exceed in a test. */
    protected static final long MAX_LENGTH = 20L * 1024 * 1024;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The store under test, made with {@link #MAX_LENGTH} as its limit (and, for S3, a 5 MiB part size). */
    protected abstract BlobStore store();

    /**
     * Whether the server behind the presigned URLs checks their signature, expiry and signed length. True for the local
     * store and real S3; S3Mock checks no signatures, so its test checks instead that the URL signs them.
     */
    protected boolean serverChecksSignatures() {
        return true;
    }

    /** A workspace of this test's own, so runs and tests never see each other's blobs. */
    protected final String workspace = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();

    private BlobKey key(String path) {
        return BlobKey.of(workspace, path);
    }

    @Test
    void smallBlobRoundTrips() {
        byte[] bytes = "hello, files".getBytes(StandardCharsets.UTF_8);
        BlobInfo put = store().put(key("F1/original"), new ByteArrayInputStream(bytes), bytes.length, "text/plain");

        assertThat(put.length()).isEqualTo(bytes.length);
        assertThat(put.contentType()).isEqualTo("text/plain");
        try (Blob blob = store().get(key("F1/original")).orElseThrow()) {
            assertThat(blob.info().length()).isEqualTo(bytes.length);
            assertThat(blob.info().contentType()).isEqualTo("text/plain");
            assertThat(blob.readAllBytes()).isEqualTo(bytes);
        }
        BlobInfo stat = store().stat(key("F1/original")).orElseThrow();
        assertThat(stat.length()).isEqualTo(bytes.length);
        assertThat(stat.contentType()).isEqualTo("text/plain");
        assertThat(stat.lastModified()).isAfter(Instant.now().minus(Duration.ofHours(1)));
        assertThat(store().exists(key("F1/original"))).isTrue();
    }

    @Test
    void emptyBlobRoundTrips() {
        store().put(key("F1/empty"), InputStream.nullInputStream(), 0, "application/octet-stream");
        try (Blob blob = store().get(key("F1/empty")).orElseThrow()) {
            assertThat(blob.info().length()).isZero();
            assertThat(blob.readAllBytes()).isEmpty();
        }
    }

    @Test
    void largeBlobRoundTripsInPartsWithItsLengthKnownOrNot() throws Exception {
        long length = 12L * 1024 * 1024 + 12345;
        String written = sha256(new PatternStream(length, 7));
        BlobInfo put = store().put(key("F2/original"), new PatternStream(length, 7), length, "video/mp4");
        assertThat(put.length()).isEqualTo(length);
        assertBlob(key("F2/original"), length, "video/mp4", written);

        long unknown = 11L * 1024 * 1024 + 1;
        String second = sha256(new PatternStream(unknown, 8));
        BlobInfo streamed = store().put(key("F3/original"), new PatternStream(unknown, 8), BlobStore.UNKNOWN_LENGTH,
                "application/zip");
        assertThat(streamed.length()).isEqualTo(unknown);
        assertBlob(key("F3/original"), unknown, "application/zip", second);
    }

    @Test
    void putReplacesTheBlob() {
        store().put(key("F1/original"), stream("first version"), 13, "text/plain");
        store().put(key("F1/original"), stream("second"), 6, "text/markdown");

        try (Blob blob = store().get(key("F1/original")).orElseThrow()) {
            assertThat(new String(blob.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
            assertThat(blob.info().contentType()).isEqualTo("text/markdown");
            assertThat(blob.info().length()).isEqualTo(6);
        }
    }

    @Test
    void aBlobWithoutContentTypeIsPlainBytesAndABrokenTypeIsRefused() {
        store().put(key("F1/original"), stream("bytes"), 5, null);
        assertThat(store().stat(key("F1/original")).orElseThrow().contentType()).isEqualTo("application/octet-stream");
        assertThatThrownBy(() -> store().put(key("F2/original"), stream("bytes"), 5, "text/plain\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().presignUpload(key("F2/original"), 5, "text/plain\nx", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store().exists(key("F2/original"))).isFalse();
    }

    @Test
    void aMissingBlobIsEmpty() {
        assertThat(store().get(key("F9/original"))).isEmpty();
        assertThat(store().stat(key("F9/original"))).isEmpty();
        assertThat(store().exists(key("F9/original"))).isFalse();
    }

    @Test
    void deleteRemovesTheBlobAndIsIdempotent() {
        store().put(key("F1/original"), stream("bytes"), 5, "text/plain");
        store().put(key("F1/keep"), stream("other"), 5, "text/plain");

        store().delete(key("F1/original"));
        store().delete(key("F1/original"));
        store().delete(key("F8/never-there"));

        assertThat(store().exists(key("F1/original"))).isFalse();
        assertThat(store().get(key("F1/original"))).isEmpty();
        assertThat(store().exists(key("F1/keep"))).isTrue();
    }

    @Test
    void deleteByPrefixRemovesAFileAndItsThumbnailsByWholeSegments() {
        for (String path : new String[] {"F1", "F1/original", "F1/thumb_64.png", "F1/thumbs/thumb_360.png", "F10/original",
                "F2/original"}) {
            store().put(key(path), stream(path), path.length(), "text/plain");
        }

        assertThat(store().deleteByPrefix(key("F1"))).isEqualTo(4);

        for (String gone : new String[] {"F1", "F1/original", "F1/thumb_64.png", "F1/thumbs/thumb_360.png"}) {
            assertThat(store().exists(key(gone))).as(gone).isFalse();
        }
        assertThat(store().exists(key("F10/original"))).isTrue();
        assertThat(store().exists(key("F2/original"))).isTrue();
        assertThat(store().deleteByPrefix(key("F1"))).isZero();
        // A blob can be written again where a tree was removed.
        store().put(key("F1/thumb_64.png"), stream("again"), 5, "image/png");
        assertThat(store().exists(key("F1/thumb_64.png"))).isTrue();
    }

    @Test
    void workspacesAreIsolated() {
        String other = workspace + "X";
        store().put(key("F1/original"), stream("mine"), 4, "text/plain");
        store().put(BlobKey.of(other, "F1/original"), stream("theirs"), 6, "text/plain");

        try (Blob mine = store().get(key("F1/original")).orElseThrow();
             Blob theirs = store().get(BlobKey.of(other, "F1/original")).orElseThrow()) {
            assertThat(new String(mine.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("mine");
            assertThat(new String(theirs.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("theirs");
        }
        assertThat(store().deleteByPrefix(key("F1"))).isEqualTo(1);
        assertThat(store().exists(BlobKey.of(other, "F1/original"))).isTrue();
        store().deleteByPrefix(BlobKey.of(other, "F1"));
    }

    @Test
    void keysThatCouldEscapeTheirWorkspaceAreRefused() {
        for (String path : new String[] {"../T2/F1", "F1/../../x", "a//b", "/abs", "F1/", ".", "a b", "x\ny", ""}) {
            assertThatThrownBy(() -> BlobKey.of(workspace, path)).as(path).isInstanceOf(IllegalArgumentException.class);
        }
        for (String ws : new String[] {"..", "T1/T2", "", "T 1"}) {
            assertThatThrownBy(() -> BlobKey.of(ws, "F1")).as(ws).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(BlobKey.parse(key("F1/thumb_64.png").qualified())).isEqualTo(key("F1/thumb_64.png"));
    }

    @Test
    void aLengthOtherThanTheAnnouncedOneStoresNothing() {
        store().put(key("F1/original"), stream("kept"), 4, "text/plain");

        assertThatThrownBy(() -> store().put(key("F1/original"), stream("short"), 10, "text/plain"))
                .isInstanceOfSatisfying(BlobRejectedException.class, e -> assertThat(e.error()).isEqualTo("length_mismatch"));
        assertThatThrownBy(() -> store().put(key("F1/original"), stream("longer than said"), 3, "text/plain"))
                .isInstanceOfSatisfying(BlobRejectedException.class, e -> assertThat(e.error()).isEqualTo("length_mismatch"));
        // Large ones fail after parts were sent. On fresh keys: S3Mock's abort of a multipart upload deletes an object
        // already at the key (real S3's does not), so "the old blob stays" is shown above, by the single-part puts.
        long big = 6L * 1024 * 1024;
        assertThatThrownBy(() -> store().put(key("F4/original"), new PatternStream(big, 1), big + 1, "text/plain"))
                .isInstanceOfSatisfying(BlobRejectedException.class, e -> assertThat(e.error()).isEqualTo("length_mismatch"));
        assertThatThrownBy(() -> store().put(key("F5/original"), new PatternStream(big, 1), big - 1, "text/plain"))
                .isInstanceOfSatisfying(BlobRejectedException.class, e -> assertThat(e.error()).isEqualTo("length_mismatch"));

        try (Blob blob = store().get(key("F1/original")).orElseThrow()) {
            assertThat(new String(blob.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
        }
        assertThat(store().exists(key("F4/original"))).isFalse();
        assertThat(store().exists(key("F5/original"))).isFalse();
    }

    @Test
    void blobsOverTheLimitAreRefused() {
        assertThat(store().maxLength()).isEqualTo(MAX_LENGTH);
        assertThatThrownBy(() -> store().put(key("F1/original"), new PatternStream(MAX_LENGTH + 1, 3), MAX_LENGTH + 1,
                "application/octet-stream"))
                .isInstanceOfSatisfying(BlobRejectedException.class, e -> assertThat(e.error()).isEqualTo("file_too_large"));
        // Of unknown length: refused once the bytes pass the limit, after some were sent in parts.
        assertThatThrownBy(() -> store().put(key("F1/original"), new PatternStream(MAX_LENGTH + 1, 3),
                BlobStore.UNKNOWN_LENGTH, "application/octet-stream"))
                .isInstanceOfSatisfying(BlobRejectedException.class, e -> assertThat(e.error()).isEqualTo("file_too_large"));
        assertThatThrownBy(() -> store().presignUpload(key("F1/original"), MAX_LENGTH + 1, "image/png", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(BlobRejectedException.class, e -> assertThat(e.error()).isEqualTo("file_too_large"));
        assertThat(store().exists(key("F1/original"))).isFalse();
        // Exactly the limit is allowed.
        store().put(key("F1/original"), new PatternStream(MAX_LENGTH, 3), MAX_LENGTH, "application/octet-stream");
        assertThat(store().stat(key("F1/original")).orElseThrow().length()).isEqualTo(MAX_LENGTH);
    }

    @Test
    void presignedUploadThenPresignedDownloadOverPlainHttp() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(42).nextBytes(bytes);
        PresignedRequest upload = store().presignUpload(key("F4/original"), bytes.length, "image/png", Duration.ofMinutes(5));
        assertThat(upload.expiresAt()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(6)));

        HttpResponse<String> sent = send(upload, bytes);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        BlobInfo stored = store().stat(key("F4/original")).orElseThrow();
        assertThat(stored.length()).isEqualTo(bytes.length);
        assertThat(stored.contentType()).isEqualTo("image/png");

        PresignedRequest download = store().presignDownload(key("F4/original"), Duration.ofMinutes(1), "photo of us.png");
        assertThat(download.method()).isEqualTo("GET");
        HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(download.url()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(bytes);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment")
                .contains("photo");
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        PresignedRequest upload = store().presignUpload(key("F6/original"), 5, "text/plain", Duration.ofSeconds(1));
        store().put(key("F6/existing"), stream("bytes"), 5, "text/plain");
        PresignedRequest download = store().presignDownload(key("F6/existing"), Duration.ofSeconds(1), null);
        if (!serverChecksSignatures()) {
            assertThat(query(upload.url())).containsEntry("X-Amz-Expires", "1").containsKey("X-Amz-Signature");
            assertThat(query(download.url())).containsEntry("X-Amz-Expires", "1").containsKey("X-Amz-Signature");
            return;
        }
        // Waiting out the lifetime (whole seconds in the URL), not timing anything.
        while (!Instant.now().isAfter(upload.expiresAt().plusMillis(100))
                || !Instant.now().isAfter(download.expiresAt().plusMillis(100))) {
            Thread.sleep(100);
        }

        HttpResponse<String> sent = send(upload, "bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(sent.statusCode()).as(sent.body()).isBetween(400, 499);
        assertThat(store().exists(key("F6/original"))).isFalse();
        HttpResponse<String> got = HTTP.send(HttpRequest.newBuilder(download.url()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isBetween(400, 499);
        assertThat(got.body()).doesNotContain("bytes");
    }

    @Test
    void aTamperedUrlIsRefused() throws Exception {
        store().put(BlobKey.of(workspace + "X", "F7/original"), stream("secret"), 6, "text/plain");
        PresignedRequest upload = store().presignUpload(key("F7/original"), 5, "text/plain", Duration.ofMinutes(5));
        PresignedRequest download = store().presignDownload(key("F7/original"), Duration.ofMinutes(5), null);
        // Pointed at another workspace's key, everything else (signature included) unchanged.
        URI otherUpload = otherWorkspace(upload.url());
        URI otherDownload = otherWorkspace(download.url());
        assertThat(otherUpload).isNotEqualTo(upload.url());
        if (!serverChecksSignatures()) {
            assertThat(query(upload.url())).containsKey("X-Amz-Signature").containsKey("X-Amz-Credential");
            assertThat(query(download.url())).containsKey("X-Amz-Signature");
            return;
        }

        HttpResponse<String> sent = send(new PresignedRequest(upload.method(), otherUpload, upload.headers(),
                upload.expiresAt()), "forge".getBytes(StandardCharsets.UTF_8));
        assertThat(sent.statusCode()).as(sent.body()).isBetween(400, 499);
        HttpResponse<String> got = HTTP.send(HttpRequest.newBuilder(otherDownload).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isBetween(400, 499);
        assertThat(got.body()).doesNotContain("secret");
        // A changed signature is refused too.
        String url = upload.url().toString();
        URI badSignature = URI.create(url.substring(0, url.length() - 4) + (url.endsWith("AAAA") ? "BBBB" : "AAAA"));
        HttpResponse<String> forged = send(new PresignedRequest(upload.method(), badSignature, upload.headers(),
                upload.expiresAt()), "forge".getBytes(StandardCharsets.UTF_8));
        assertThat(forged.statusCode()).isBetween(400, 499);

        try (Blob blob = store().get(BlobKey.of(workspace + "X", "F7/original")).orElseThrow()) {
            assertThat(new String(blob.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("secret");
        }
        assertThat(store().exists(key("F7/original"))).isFalse();
        store().deleteByPrefix(BlobKey.of(workspace + "X", "F7"));
    }

    @Test
    void anUploadOfAnotherLengthThanSignedIsRefused() throws Exception {
        PresignedRequest upload = store().presignUpload(key("F8/original"), 10, "text/plain", Duration.ofMinutes(5));
        if (!serverChecksSignatures()) {
            // The length is among the signed headers, so a server that checks signatures refuses any other.
            assertThat(query(upload.url()).get("X-Amz-SignedHeaders")).contains("content-length");
            assertThat(upload.headers().entrySet()).anySatisfy(header -> {
                assertThat(header.getKey()).isEqualToIgnoringCase("content-length");
                assertThat(header.getValue()).isEqualTo("10");
            });
            return;
        }
        HttpResponse<String> shorter = send(upload, "12345".getBytes(StandardCharsets.UTF_8));
        assertThat(shorter.statusCode()).as(shorter.body()).isBetween(400, 499);
        HttpResponse<String> longer = send(upload, "12345678901".getBytes(StandardCharsets.UTF_8));
        assertThat(longer.statusCode()).as(longer.body()).isBetween(400, 499);
        assertThat(store().exists(key("F8/original"))).isFalse();

        HttpResponse<String> exact = send(upload, "1234567890".getBytes(StandardCharsets.UTF_8));
        assertThat(exact.statusCode()).as(exact.body()).isEqualTo(200);
        assertThat(store().stat(key("F8/original")).orElseThrow().length()).isEqualTo(10);
    }

    /** The URL with the workspace in its key changed to another one, the slash after it plain or escaped. */
    private URI otherWorkspace(URI url) {
        return URI.create(url.toString().replace(workspace + "/", workspace + "X/").replace(workspace + "%2F", workspace + "X%2F"));
    }

    /** A free port for a server, known before it starts because the signed URLs carry it. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a presigned request as a plain client would: its method, its headers, the bytes as body. */
    protected static HttpResponse<String> send(PresignedRequest request, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((name, value) -> {
            // The client sets Content-Length from the body itself and refuses to be told it.
            if (!name.equalsIgnoreCase("content-length")) {
                builder.header(name, value);
            }
        });
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static Map<String, String> query(URI url) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private void assertBlob(BlobKey key, long length, String type, String sha256) throws Exception {
        assertThat(store().stat(key).orElseThrow().length()).isEqualTo(length);
        try (Blob blob = store().get(key).orElseThrow()) {
            assertThat(blob.info().length()).isEqualTo(length);
            assertThat(blob.info().contentType()).isEqualTo(type);
            assertThat(sha256(blob.content())).isEqualTo(sha256);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Bytes made on the fly from a seed, each a function of its position only (so however the reader chunks its reads,
     * the bytes are the same), and so multi-megabyte blobs need no memory of their own in the test.
     */
    public static final class PatternStream extends InputStream {
        private final long length;
        private final long seed;
        private long position;

        public PatternStream(long length, long seed) {
            this.length = length;
            this.seed = seed;
        }

        @Override
        public int read() {
            return position >= length ? -1 : at(position++) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = at(position++);
            }
            return n;
        }

        private byte at(long p) {
            // SplitMix64 of the 8-byte word the position falls in: no period a part size could line up with.
            long z = (p >>> 3) + seed * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (byte) (z >>> ((p & 7) * 8));
        }
    }
}
