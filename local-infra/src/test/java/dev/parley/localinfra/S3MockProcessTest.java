package dev.parley.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The S3Mock fixture really runs the server jar, with its buckets, and takes it away again. */
class S3MockProcessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startsWithTheInitialBucketsAndStoresObjectsOverPlainHttp() throws Exception {
        try (S3MockProcess s3 = S3MockProcess.start("first-bucket", "second-bucket")) {
            assertThat(s3.endpoint().getScheme()).isEqualTo("http");
            HttpResponse<String> buckets = HTTP.send(HttpRequest.newBuilder(s3.endpoint().resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(buckets.statusCode()).isEqualTo(200);
            assertThat(buckets.body()).contains("<Name>first-bucket</Name>").contains("<Name>second-bucket</Name>");

            // S3Mock checks no signatures, so an unsigned PUT and GET show that it stores and serves bytes.
            URI object = s3.endpoint().resolve("/first-bucket/some/key.txt");
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(object)
                    .PUT(HttpRequest.BodyPublishers.ofString("hello s3")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(object).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("hello s3");
            HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(s3.endpoint().resolve("/no-such-bucket/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void closeKillsTheServerAndDeletesItsObjects() throws Exception {
        S3MockProcess s3 = S3MockProcess.start("bucket");
        long pid = s3.pid();
        Path root = Path.of(ProcessHandle.of(pid).orElseThrow().info().arguments().map(java.util.List::of).orElseThrow()
                .stream().filter(a -> a.startsWith("--com.adobe.testing.s3mock.store.root="))
                .findFirst().orElseThrow().substring("--com.adobe.testing.s3mock.store.root=".length()));
        assertThat(root).isDirectory();

        s3.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ChildProcess.accepts(s3.port())).isFalse();
        assertThat(Files.exists(root)).isFalse();
        assertThat(s3.logFile()).exists();
    }

    @Test
    void aMissingJarIsReportedWithItsMavenCoordinates() {
        String before = System.getProperty(S3MockProcess.JAR_PROPERTY);
        System.setProperty(S3MockProcess.JAR_PROPERTY, "/nonexistent/s3mock.jar");
        try {
            assertThatThrownBy(S3MockProcess::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("com.adobe.testing:s3mock:" + S3MockProcess.VERSION + ":exec");
        } finally {
            if (before == null) {
                System.clearProperty(S3MockProcess.JAR_PROPERTY);
            } else {
                System.setProperty(S3MockProcess.JAR_PROPERTY, before);
            }
        }
    }
}
