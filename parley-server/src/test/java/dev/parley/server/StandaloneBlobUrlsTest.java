package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.files.BlobKey;
import dev.parley.files.BlobStore;
import dev.parley.files.PresignedRequest;
import dev.parley.files.local.LocalBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standalone server's files role: the local store by default, and its signed URLs answered on the public port,
 * through the edge, without a token, a forged one refused with a plain 4xx and nothing logged.
 */
class StandaloneBlobUrlsTest {

    @Test
    void signedUrlsWorkThroughThePublicPort() {
        try (StandaloneServer server = new StandaloneServer()) {
            BlobStore store = server.bean(BlobStore.class);
            assertThat(store).isInstanceOf(LocalBlobStore.class);
            BlobKey key = BlobKey.of("T1", "F1/original");
            PresignedRequest upload = store.presignUpload(key, 5, "text/plain", Duration.ofMinutes(5));

            StandaloneServer.Answer uploaded = server.exchange("POST", target(upload), Map.of(),
                    "hello".getBytes(StandardCharsets.UTF_8));
            assertThat(uploaded.status()).isEqualTo(200);
            assertThat(uploaded.body()).isEqualTo("OK - 5");

            StandaloneServer.Answer downloaded = server.exchange("GET",
                    target(store.presignDownload(key, Duration.ofMinutes(1), "hello.txt")), Map.of(), null);
            assertThat(downloaded.status()).isEqualTo(200);
            assertThat(downloaded.body()).isEqualTo("hello");

            StandaloneServer.Answer forged = server.exchange("POST",
                    target(upload).replace("T1%2FF1", "T2%2FF1"), Map.of(), "fake!".getBytes(StandardCharsets.UTF_8));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).isEqualTo("invalid_signature\n");
            assertThat(store.exists(BlobKey.of("T2", "F1/original"))).isFalse();
            assertThat(server.problems()).isEmpty();
        }
    }

    private static String target(PresignedRequest request) {
        return request.url().getRawPath() + "?" + request.url().getRawQuery();
    }
}
