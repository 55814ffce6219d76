package dev.parley.files.signed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.files.BlobKey;
import dev.parley.files.BlobStore;
import dev.parley.files.BlobStoreContractTest;
import dev.parley.files.FilesServiceApplication;
import dev.parley.files.PresignedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP side of files-service's signed URLs, through the files process's real server over the default (local)
 * store: what Slack's SDKs send (a raw POST) and what they are answered, and the plain 4xx every bad request gets
 * instead of a stored blob or a 5xx.
 */
@SpringBootTest(classes = FilesServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"parley.target=files",
                // The workspace role runs elsewhere; the blob routes need no token, so its URL is never called.
                "parley.services.workspace.url=http://127.0.0.1:9/", "parley.files.max-size=1MB"})
class SignedUrlRoutesTest {

    static final int PORT = BlobStoreContractTest.freePort();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    BlobStore store;

    final String workspace = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("parley.public-url", () -> "http://127.0.0.1:" + PORT + "/");
        registry.add("parley.data-dir", () -> Path.of("target", "signed-url-routes-test", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    @Test
    void aRawPostAsSlackSdksSendItIsAnsweredOkWithTheLength() throws Exception {
        BlobKey key = BlobKey.of(workspace, "F1/original");
        PresignedRequest upload = store.presignUpload(key, 11, "text/plain", Duration.ofMinutes(5));
        assertThat(upload.url().toString()).startsWith("http://127.0.0.1:" + PORT + "/blobs/upload?");

        // Form-encoded, as curl --data-binary labels it: the body must still be taken as the bytes, not as a form.
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(upload.url())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=1&b=2&c=3")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("OK - 11");
        assertThat(store.get(key).orElseThrow().readAllBytes()).isEqualTo("a=1&b=2&c=3".getBytes(StandardCharsets.UTF_8));
        assertThat(store.stat(key).orElseThrow().contentType()).isEqualTo("text/plain");
    }

    @Test
    void aChunkedUploadIsCountedAsItIsStored() throws Exception {
        BlobKey key = BlobKey.of(workspace, "F2/original");
        PresignedRequest upload = store.presignUpload(key, 5, "text/plain", Duration.ofMinutes(5));
        // No Content-Length: the length check happens while the bytes are stored.
        HttpResponse<String> tooMany = HTTP.send(HttpRequest.newBuilder(upload.url())
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("123456".getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo("length_mismatch\n");
        assertThat(store.exists(key)).isFalse();

        HttpResponse<String> exact = HTTP.send(HttpRequest.newBuilder(upload.url())
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("12345".getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(exact.body()).isEqualTo("OK - 5");
    }

    @Test
    void badUrlsGetAPlain4xxNamingTheError() throws Exception {
        BlobKey key = BlobKey.of(workspace, "F3/original");
        PresignedRequest upload = store.presignUpload(key, 5, "text/plain", Duration.ofMinutes(5));
        String url = upload.url().toString();

        assertRefused(put(URI.create("http://127.0.0.1:" + PORT + "/blobs/upload"), "12345"), 403, "invalid_signature");
        assertRefused(put(URI.create(url.replace("length=5", "length=6")), "123456"), 403, "invalid_signature");
        assertRefused(put(URI.create(url.replace("type=text%2Fplain", "type=text%2Fhtml")), "12345"), 403,
                "invalid_signature");
        assertRefused(put(URI.create(url.replace("signature=", "signature=%2A%2A")), "12345"), 403, "invalid_signature");
        assertRefused(put(URI.create(url + "&key=" + workspace + "%2FF4"), "12345"), 403, "invalid_signature");
        assertRefused(put(upload.url(), "1234"), 400, "length_mismatch");
        assertThat(store.exists(key)).isFalse();

        PresignedRequest missing = store.presignDownload(BlobKey.of(workspace, "F3/never"), Duration.ofMinutes(5), null);
        HttpResponse<String> notFound = HTTP.send(HttpRequest.newBuilder(missing.url()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(notFound, 404, "file_not_found");
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + PORT + "/blobs/download?key=" + workspace + "%2FF3%2Foriginal")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(unsigned, 403, "invalid_signature");
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() throws Exception {
        BlobKey key = BlobKey.of(workspace, "F5/original");
        PresignedRequest upload = store.presignUpload(key, 1024 * 1024, "application/octet-stream", Duration.ofMinutes(5));
        // A raw request announcing 2 GiB, of which only a few bytes ever come: refused at once by the header alone.
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + upload.url().getRawPath() + "?" + upload.url().getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Length: 2147483648\r\n\r\nsome bytes").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 400");
        }
        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void downloadsAreAttachmentsThatBrowsersNeverRenderAsPages() throws Exception {
        BlobKey key = BlobKey.of(workspace, "F6/original");
        byte[] page = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        store.put(key, new ByteArrayInputStream(page), page.length, "text/html");
        HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(store.presignDownload(key, Duration.ofMinutes(1),
                "naïve page.html").url()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(page);
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''na%C3%AFve%20page.html");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(got.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
    }

    private static HttpResponse<String> put(URI url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(error + "\n");
    }
}
