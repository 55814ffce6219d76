package dev.parley.files.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.files.BlobKey;
import dev.parley.files.BlobRejectedException;
import dev.parley.files.BlobStore;
import dev.parley.files.BlobStoreContractTest;
import dev.parley.files.FilesProperties;
import dev.parley.localinfra.S3MockProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/**
 * The S3 store against a real S3-compatible server, Adobe S3Mock, that the test starts as a child process (and fails,
 * naming the missing jar, if it cannot). S3Mock checks no signatures, so the refusals of expired, changed and
 * wrong-length presigned URLs are shown by the local store's test; here the contract checks what the URLs sign.
 */
class S3BlobStoreTest extends BlobStoreContractTest {

    private static S3MockProcess server;
    private static S3BlobStore store;

    @BeforeAll
    static void startServer() {
        server = S3MockProcess.start();
        store = S3BlobStore.connect(config("parley-test-files", true), MAX_LENGTH);
    }

    @AfterAll
    static void stopServer() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static FilesProperties.S3 config(String bucket, boolean createBucket) {
        // Part size at S3's minimum, so the multi-megabyte blobs of the contract go in several parts.
        return new FilesProperties.S3(server.endpoint(), "us-east-1", bucket, "test-access", "test-secret", true,
                DataSize.ofMegabytes(5), "", createBucket);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected boolean serverChecksSignatures() {
        return false;
    }

    @Test
    void theS3StoreIsConfiguredFromTheFilesProperties() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(S3BlobStoreConfiguration.class))
                .withPropertyValues("parley.target=files", "parley.files.store=s3",
                        "parley.files.s3.endpoint=" + server.endpoint(), "parley.files.s3.bucket=configured-bucket",
                        "parley.files.s3.access-key=a", "parley.files.s3.secret-key=b",
                        "parley.files.s3.create-bucket=true", "parley.files.max-size=7MB")
                .run(started -> {
                    S3BlobStore configured = started.getBean(S3BlobStore.class);
                    assertThat(configured.maxLength()).isEqualTo(7L * 1024 * 1024);
                    BlobKey key = BlobKey.of(workspace, "F1/original");
                    configured.put(key, new java.io.ByteArrayInputStream(new byte[] {4, 5}), 2, "image/gif");
                    assertThat(configured.presignDownload(key, java.time.Duration.ofMinutes(1), null).url().getPath())
                            .as("path-style by default").startsWith("/configured-bucket/");
                    assertThat(configured.stat(key).orElseThrow().contentType()).isEqualTo("image/gif");
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(S3BlobStoreConfiguration.class))
                .withPropertyValues("parley.target=files")
                .run(started -> assertThat(started).doesNotHaveBean(S3BlobStore.class));
    }

    @Test
    void aMissingBucketStopsStartUpUnlessItMayBeCreated() {
        assertThatThrownBy(() -> S3BlobStore.connect(config("no-such-bucket", false), MAX_LENGTH))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-bucket")
                .hasMessageContaining("parley.files.s3.create-bucket");
    }

    @Test
    void keysArePrefixedAndPathStyleAddressed() {
        // Over the shared clients, so not closed here.
        S3BlobStore prefixed = new S3BlobStore(store.s3(), store.presigner(), "parley-test-files", "install-a/",
                S3BlobStore.MIN_PART_SIZE, MAX_LENGTH);
        {
            BlobKey key = BlobKey.of(workspace, "F1/original");
            prefixed.put(key, new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream");
            assertThat(prefixed.exists(key)).isTrue();
            assertThat(store.exists(key)).as("the same key without the prefix").isFalse();
            assertThat(store.exists(BlobKey.of("install-a", workspace + "/F1/original")))
                    .as("stored under install-a/<workspace>/F1/original").isTrue();
            assertThat(prefixed.presignDownload(key, java.time.Duration.ofMinutes(1), null).url().getPath())
                    .isEqualTo("/parley-test-files/install-a/" + workspace + "/F1/original");
            prefixed.deleteByPrefix(BlobKey.of(workspace, "F1"));
        }
    }

    @Test
    void aFailedMultipartUploadLeavesNoPartsBehind() {
        long big = 12L * 1024 * 1024;
        assertThatThrownBy(() -> store.put(BlobKey.of(workspace, "F9/original"), new PatternStream(big, 5), big - 10,
                "application/octet-stream")).isInstanceOf(BlobRejectedException.class);
        assertThat(store.s3().listMultipartUploads(b -> b.bucket("parley-test-files").prefix(workspace)).uploads())
                .isEmpty();
        assertThat(store.exists(BlobKey.of(workspace, "F9/original"))).isFalse();
    }
}
