package dev.parley.files.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.files.BlobInfo;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobStore;
import dev.parley.files.BlobStoreContractTest;
import dev.parley.files.BlobStoreContractTest.PatternStream;
import dev.parley.files.FilesServiceApplication;
import dev.parley.files.PresignedRequest;
import dev.parley.files.signed.SignedUrls;
import dev.parley.localinfra.S3MockProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The upload Slack's SDKs make (a raw POST to the upload URL) with the S3 store configured: S3's presigned URLs take
 * only a PUT, so files-service's own signed URL receives the bytes and streams them into the bucket, in parts when
 * large. S3Mock is started by the test.
 */
@SpringBootTest(classes = FilesServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"parley.target=files", "parley.services.workspace.url=http://127.0.0.1:9/",
                "parley.files.store=s3", "parley.files.s3.bucket=relayed", "parley.files.s3.create-bucket=true",
                "parley.files.s3.access-key=a", "parley.files.s3.secret-key=b", "parley.files.s3.part-size=5MB",
                "parley.files.signing-key=a-signing-key-of-at-least-32-characters"})
class S3SignedUploadTest {

    static final int PORT = BlobStoreContractTest.freePort();
    static final S3MockProcess S3 = S3MockProcess.start();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    BlobStore store;

    @Autowired
    SignedUrls urls;

    final String workspace = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("parley.public-url", () -> "http://127.0.0.1:" + PORT + "/");
        registry.add("parley.files.s3.endpoint", S3::endpoint);
        registry.add("parley.data-dir", () -> Path.of("target", "s3-signed-upload-test", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    @AfterAll
    static void stopServer() {
        S3.close();
    }

    @Test
    void aRawPostToTheSignedUrlLandsInTheBucket() throws Exception {
        assertThat(store).isInstanceOf(S3BlobStore.class);
        BlobKey key = BlobKey.of(workspace, "F1/original");
        PresignedRequest upload = urls.upload(key, 9, "text/plain", Duration.ofMinutes(5));
        assertThat(upload.url().toString()).startsWith("http://127.0.0.1:" + PORT + "/blobs/upload?");

        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(upload.url())
                .POST(HttpRequest.BodyPublishers.ofString("via relay")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("OK - 9");
        BlobInfo stored = store.stat(key).orElseThrow();
        assertThat(stored.length()).isEqualTo(9);
        assertThat(stored.contentType()).isEqualTo("text/plain");
        HttpResponse<String> got = HTTP.send(HttpRequest.newBuilder(urls.download(key, Duration.ofMinutes(1), null).url())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.body()).isEqualTo("via relay");
    }

    @Test
    void aLargeUploadIsStreamedIntoTheBucketInParts() throws Exception {
        BlobKey key = BlobKey.of(workspace, "F2/original");
        long length = 11L * 1024 * 1024 + 3;
        PresignedRequest upload = urls.upload(key, length, "application/pdf", Duration.ofMinutes(5));

        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(upload.url())
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(length, 11)), length)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("OK - " + length);
        try (var blob = store.get(key).orElseThrow();
             var expected = new PatternStream(length, 11)) {
            assertThat(blob.info().length()).isEqualTo(length);
            assertThat(blob.content()).hasSameContentAs(expected);
        }
        // A short body is refused and leaves nothing in the bucket.
        BlobKey shortKey = BlobKey.of(workspace, "F3/original");
        PresignedRequest shortUpload = urls.upload(shortKey, 100, "text/plain", Duration.ofMinutes(5));
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(shortUpload.url())
                .POST(HttpRequest.BodyPublishers.ofString("too short")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("length_mismatch\n");
        assertThat(store.exists(shortKey)).isFalse();
    }
}
