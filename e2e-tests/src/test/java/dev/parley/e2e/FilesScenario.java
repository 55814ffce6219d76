package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import dev.parley.common.testing.TestFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Files as a Slack client meets them, through the topology's public edge: the official Java SDK's
 * {@code filesUploadV2} shares an image and a PDF, processing gives the image its thumbnails, members download what
 * is shared with them through {@code url_private} and nobody else does, and a deleted file leaves a tombstone.
 */
interface FilesScenario {

    Duration PROCESSED = Duration.ofSeconds(60);
    HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String apiUrl();

    private MethodsClient sdk() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl() + "/api/");
        return Slack.getInstance(config).methods();
    }

    private static JsonNode awaitFile(SlackClient who, String fileId, Predicate<JsonNode> ready) {
        Instant deadline = Instant.now().plus(PROCESSED);
        while (true) {
            JsonNode file = who.ok("files.info", "file", fileId).path("file");
            if (ready.test(file)) {
                return file;
            }
            assertThat(Instant.now()).as("file %s never got there: %s", fileId, file).isBefore(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    default void theSdkSharesAnImageAndAPdfThatMembersAloneDownload() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        TestTeam.Member cy = team.get(2);
        TestTeam other = TestTeam.create(apiUrl(), 1);
        String channel = ann.api().ok("conversations.create", "name", "files-" + UUID.randomUUID().toString().substring(0, 6),
                "is_private", "true").path("channel").path("id").asString();
        ann.api().ok("conversations.invite", "channel", channel, "users", bob.id());

        byte[] png = TestFiles.png(640, 480);
        FilesUploadV2Response image = sdk().filesUploadV2(r -> r.token(ann.token()).channel(channel)
                .initialComment("the chart").fileData(png).filename("chart.png").title("Chart"));
        assertThat(image.isOk()).as("filesUploadV2: %s", image.getError()).isTrue();
        String imageId = image.getFile().getId();
        JsonNode ready = awaitFile(bob.api(), imageId, f -> f.has("thumb_64"));
        assertThat(ready.path("mimetype").asString()).isEqualTo("image/png");
        assertThat(ready.path("original_w").asInt()).isEqualTo(640);
        assertThat(ready.path("thumb_360_w").asInt()).isEqualTo(360);
        assertThat(ready.path("thumb_360_h").asInt()).isEqualTo(270);

        HttpResponse<byte[]> original = get(ready.path("url_private").asString(), bob.token());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(png);
        assertThat(original.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(get(ready.path("thumb_64").asString(), bob.token()).statusCode()).isEqualTo(200);
        assertThat(get(ready.path("url_private").asString(), cy.token()).statusCode()).as("a non-member").isEqualTo(404);
        assertThat(get(ready.path("url_private").asString(), other.get(0).token()).statusCode())
                .as("another workspace").isEqualTo(404);
        assertThat(get(ready.path("url_private").asString(), null).statusCode()).as("no token").isIn(401, 404);
        assertThat(cy.api().call("files.info", "file", imageId).path("error").asString()).isEqualTo("file_not_found");

        // The shared message shows the processed file.
        Instant deadline = Instant.now().plus(PROCESSED);
        JsonNode shared = null;
        while (shared == null) {
            for (JsonNode m : bob.api().ok("conversations.history", "channel", channel).path("messages")) {
                if (m.path("files").path(0).path("id").asString("").equals(imageId) && m.path("files").path(0).has("thumb_64")) {
                    shared = m;
                }
            }
            assertThat(Instant.now()).as("the message sharing the image shows its thumbnails").isBefore(deadline);
            if (shared == null) {
                pause();
            }
        }
        assertThat(shared.path("text").asString()).isEqualTo("the chart");
        assertThat(shared.path("upload").asBoolean()).isTrue();

        byte[] pdf = TestFiles.pdf("Quarterly report about zebras");
        FilesUploadV2Response doc = sdk().filesUploadV2(r -> r.token(ann.token()).channel(channel)
                .fileData(pdf).filename("report.pdf").title("Report"));
        assertThat(doc.isOk()).as("filesUploadV2: %s", doc.getError()).isTrue();
        JsonNode report = awaitFile(ann.api(), doc.getFile().getId(),
                f -> !"processing".equals(f.path("processing_status").asString("processing")));
        assertThat(report.path("processing_status").asString()).isEqualTo("ready");
        assertThat(report.path("pretty_type").asString()).isEqualTo("PDF");
        assertThat(get(report.path("url_private_download").asString(), bob.token()).body()).isEqualTo(pdf);

        // Deleted: gone for everyone, and the message keeps a tombstone.
        ann.api().ok("files.delete", "file", doc.getFile().getId());
        assertThat(bob.api().call("files.info", "file", doc.getFile().getId()).path("error").asString())
                .isEqualTo("file_not_found");
        assertThat(get(report.path("url_private").asString(), bob.token()).statusCode()).isEqualTo(404);
    }

    @Test
    default void badUploadsAreRefusedAndStoreNothing() {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        SlackClient ann = team.get(0).api();
        assertThat(ann.call("files.getUploadURLExternal", "filename", "empty.txt", "length", "0").path("ok").asBoolean())
                .as("zero length").isFalse();
        assertThat(ann.call("files.getUploadURLExternal", "filename", "huge.bin", "length", String.valueOf(1L << 41))
                .path("ok").asBoolean()).as("over the size limit").isFalse();
        assertThat(ann.call("files.completeUploadExternal", "files", "[{\"id\":\"F0NOSUCHFILE\"}]").path("ok").asBoolean())
                .as("an unknown file").isFalse();
        // Bytes that are a PDF, named as an image.
        JsonNode grant = ann.ok("files.getUploadURLExternal", "filename", "cat.png", "length",
                String.valueOf(TestFiles.pdf("not a cat").length));
        byte[] disguised = TestFiles.pdf("not a cat");
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(grant.path("upload_url").asString()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(disguised)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonNode completed = ann.call("files.completeUploadExternal", "files",
                "[{\"id\":\"" + grant.path("file_id").asString() + "\",\"title\":\"cat\"}]");
        assertThat(completed.path("ok").asBoolean()).as("a disguised file: %s", completed).isFalse();
        // A forged upload URL takes nothing.
        String forged = grant.path("upload_url").asString().replaceAll("signature=[^&]+", "signature=forged");
        HttpResponse<byte[]> refused;
        try {
            refused = HTTP.send(HttpRequest.newBuilder(URI.create(forged))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(10), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(refused.statusCode()).as("a forged upload URL").isBetween(400, 499);
    }
}
