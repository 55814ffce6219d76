package dev.parley.files.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.files.BlobKey;
import dev.parley.files.BlobRejectedException;
import dev.parley.files.BlobStore;
import dev.parley.files.BlobStoreContractTest;
import dev.parley.files.FilesServiceApplication;
import dev.parley.files.signed.SignedUrls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local-disk store, as the files role configures it, with its signed URLs served by the files process itself
 * over real HTTP.
 */
@SpringBootTest(classes = FilesServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"parley.target=files",
                // The workspace role runs elsewhere; the blob routes need no token, so its URL is never called.
                "parley.services.workspace.url=http://127.0.0.1:9/", "parley.files.max-size=20MB"})
class LocalBlobStoreTest extends BlobStoreContractTest {

    static final int PORT = BlobStoreContractTest.freePort();
    static final Path DATA = Path.of("target", "local-blob-store-test", UUID.randomUUID().toString()).toAbsolutePath();

    @Autowired
    BlobStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // The signed URLs carry the public URL, so the port must be known before the server starts.
        registry.add("server.port", () -> PORT);
        registry.add("parley.public-url", () -> "http://127.0.0.1:" + PORT + "/");
        registry.add("parley.data-dir", DATA::toString);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Test
    void theLocalStoreIsTheDefaultAndKeepsBlobsUnderTheDataDirectory() {
        assertThat(store).isInstanceOf(LocalBlobStore.class);
        store.put(BlobKey.of(workspace, "F1/original"), bytes("on disk"), 7, "text/plain");
        assertThat(DATA.resolve("files").resolve(workspace).resolve("F1").resolve("original~")).isRegularFile();
    }

    @Test
    void aReaderSeesTheOldBlobOrTheWholeNewOneNeverAMix() throws Exception {
        BlobKey key = BlobKey.of(workspace, "F3/original");
        int size = 256 * 1024;
        store.put(key, new ByteArrayInputStream(filled(size, 'a')), size, "text/plain");
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 60; i++) {
                byte fill = (byte) (i % 2 == 0 ? 'b' : 'a');
                store.put(key, new ByteArrayInputStream(filled(size, fill)), size, "text/plain");
            }
            writing.set(false);
        });
        int reads = 0;
        java.util.Set<Byte> seen = new java.util.HashSet<>();
        while (writing.get() || reads < 20) {
            try (var blob = store.get(key).orElseThrow()) {
                byte[] bytes = blob.readAllBytes();
                assertThat(bytes).hasSize(size);
                byte first = bytes[0];
                for (byte b : bytes) {
                    if (b != first) {
                        throw new AssertionError("A read mixed two versions of the blob");
                    }
                }
                seen.add(first);
            }
            reads++;
        }
        writer.join();
        assertThat(seen).isSubsetOf((byte) 'a', (byte) 'b');
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void aFailedPutLeavesNoTemporaryFileBehind() throws IOException {
        assertThatThrownBy(() -> store.put(BlobKey.of(workspace, "F1/original"), bytes("short"), 99, "text/plain"))
                .isInstanceOf(BlobRejectedException.class);
        assertThatThrownBy(() -> store.put(BlobKey.of(workspace, "F1/original"), new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 1000) {
                    return 'x';
                }
                throw new IOException("connection reset by the client");
            }
        }, 5000, "text/plain")).isInstanceOfSatisfying(BlobRejectedException.class,
                e -> assertThat(e.error()).isEqualTo("upload_incomplete"));
        try (var temp = Files.list(DATA.resolve("files").resolve(".tmp"))) {
            assertThat(temp.toList()).isEmpty();
        }
        assertThat(store.exists(BlobKey.of(workspace, "F1/original"))).isFalse();
    }

    @Test
    void blobsAndUrlsOutliveARestartWithTheKeptSigningKey() throws Exception {
        Path keyFile = DATA.resolve("files").resolve(".signing-key");
        assertThat(keyFile).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        BlobKey key = BlobKey.of(workspace, "F2/original");
        store.put(key, bytes("survives"), 8, "text/plain");
        var url = store.presignDownload(key, java.time.Duration.ofMinutes(5), null);

        // A second store over the same directory, as after a restart: it reads the kept key, so the URL checks out.
        URI base = URI.create("http://127.0.0.1:" + PORT + "/");
        SignedUrls keptUrls = new SignedUrls(SignedUrls.keptKey(keyFile), base, Clock.systemUTC());
        LocalBlobStore restarted = new LocalBlobStore(DATA.resolve("files"), MAX_LENGTH, keptUrls);
        assertThat(restarted.get(key).orElseThrow().readAllBytes()).isEqualTo("survives".getBytes(StandardCharsets.UTF_8));
        SignedUrls.Download grant = keptUrls.verifyDownload(query(url.url()));
        assertThat(grant.key()).isEqualTo(key);
        SignedUrls otherKey = new SignedUrls(new byte[32], base, Clock.systemUTC());
        assertThatThrownBy(() -> otherKey.verifyDownload(query(url.url())))
                .isInstanceOfSatisfying(BlobRejectedException.class, e -> assertThat(e.error()).isEqualTo("invalid_signature"));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
