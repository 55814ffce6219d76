package dev.parley.server;

import static dev.parley.common.testing.TestFiles.bombPng;
import static dev.parley.common.testing.TestFiles.pdf;
import static dev.parley.common.testing.TestFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.File;
import dev.parley.common.json.SlackJson;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Files through the standalone server's public port, as clients use them: the official Java SDK's {@code
 * filesUploadV2} (an image that gets thumbnails, a PDF whose text is kept), the message that shares them updated once
 * processed, {@code files.info/list/delete}, the public link, the older {@code files.upload}, who may download what,
 * and every bad input refused with a Slack error, storing and serving nothing.
 */
class StandaloneFilesTest {

    private static StandaloneServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static String ann;
    private static String bob;
    private static String cy;
    private static String zed;
    private static String teamId;
    private static String general;
    private static String secret;

    @BeforeAll
    static void start() {
        // The public URL names the real port: the SDK sends the bytes to the upload URL as handed out.
        int port = freePort();
        server = new StandaloneServer("--server.port=" + port, "--parley.public-url=http://127.0.0.1:" + port + "/",
                "--parley.files.max-size=5MB");
        JsonNode created = ok("workspaces.create", null, "name", "Acme", "domain", "acme", "email", "ann@acme.test",
                "password", "correct horse", "real_name", "Ann");
        ann = created.path("token").asString();
        teamId = created.path("team").path("id").asString();
        for (String name : List.of("bob", "cy")) {
            ok("admin.users.create", ann, "email", name + "@acme.test", "password", "battery staple " + name,
                    "real_name", name);
        }
        bob = ok("auth.signin", null, "email", "bob@acme.test", "password", "battery staple bob").path("token").asString();
        cy = ok("auth.signin", null, "email", "cy@acme.test", "password", "battery staple cy").path("token").asString();
        zed = ok("workspaces.create", null, "name", "Other", "domain", "other", "email", "zed@other.test",
                "password", "correct horse", "real_name", "Zed").path("token").asString();
        general = ok("conversations.create", ann, "name", "general").path("channel").path("id").asString();
        ok("conversations.join", bob, "channel", general);
        secret = ok("conversations.create", ann, "name", "secret", "is_private", "true").path("channel").path("id").asString();
        String bobId = ok("auth.test", bob).path("user_id").asString();
        ok("conversations.invite", ann, "channel", secret, "users", bobId);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theJavaSdksFilesUploadV2SharesAnImageAndAPdfThatAreProcessed() throws Exception {
        MethodsClient slack = sdk();
        byte[] png = png(800, 600);
        FilesUploadV2Response image = slack.filesUploadV2(r -> r.token(ann).channel(general)
                .initialComment("the chart").fileData(png).filename("chart.png").title("Q3 chart"));
        assertThat(image.isOk()).as(String.valueOf(image.getError())).isTrue();
        File uploaded = image.getFile();
        assertThat(uploaded.getId()).startsWith("F");
        assertThat(uploaded.getName()).isEqualTo("chart.png");
        assertThat(uploaded.getTitle()).isEqualTo("Q3 chart");
        assertThat(uploaded.getMimetype()).isEqualTo("image/png");
        assertThat(uploaded.getSize()).isEqualTo(png.length);
        assertThat(uploaded.getChannels()).containsExactly(general);

        JsonNode ready = awaitProcessed(ann, uploaded.getId());
        assertThat(ready.path("processing_status").asString()).isEqualTo("ready");
        assertThat(ready.path("original_w").asInt()).isEqualTo(800);
        assertThat(ready.path("original_h").asInt()).isEqualTo(600);
        assertThat(ready.path("thumb_64").asString()).contains("/files-tmb/");
        assertThat(ready.path("thumb_360_w").asInt()).isEqualTo(360);
        assertThat(ready.path("thumb_360_h").asInt()).isEqualTo(270);
        assertThat(ready.path("filetype").asString()).isEqualTo("png");
        assertThat(ready.path("shares").path("public").path(general).get(0).path("channel_name").asString())
                .isEqualTo("general");
        // The SDK parses the processed object too.
        File parsed = slack.filesInfo(r -> r.token(bob).file(uploaded.getId())).getFile();
        assertThat(parsed.getThumb360()).isEqualTo(ready.path("thumb_360").asString());
        assertThat(parsed.getOriginalWidth()).isEqualTo("800");

        // A member downloads the original and a thumbnail; the message shows the processed file.
        Fetched original = get(ready.path("url_private").asString(), bob);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(png);
        assertThat(original.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(original.header("Content-Security-Policy")).isEqualTo("sandbox");
        Fetched download = get(ready.path("url_private_download").asString(), bob);
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        Fetched thumb = get(ready.path("thumb_64").asString(), bob);
        assertThat(thumb.status()).isEqualTo(200);
        BufferedImage small = ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
        assertThat(small.getWidth()).isEqualTo(64);
        assertThat(small.getHeight()).isEqualTo(48);
        JsonNode message = awaitMessageWithThumbnail(general, uploaded.getId());
        assertThat(message.path("text").asString()).isEqualTo("the chart");

        byte[] pdf = pdf("Parley quarterly report about zebras");
        FilesUploadV2Response doc = slack.filesUploadV2(r -> r.token(ann).channel(secret).fileData(pdf)
                .filename("report.pdf").title("Report"));
        assertThat(doc.isOk()).as(String.valueOf(doc.getError())).isTrue();
        JsonNode report = awaitProcessed(ann, doc.getFile().getId());
        assertThat(report.path("processing_status").asString()).isEqualTo("ready");
        assertThat(report.path("mimetype").asString()).isEqualTo("application/pdf");
        assertThat(report.path("pretty_type").asString()).isEqualTo("PDF");
        assertThat(report.has("thumb_64")).isFalse();
        assertThat(report.path("groups").get(0).asString()).isEqualTo(secret);
        assertThat(server.bean(dev.parley.files.metadata.FileRepository.class).text(teamId, doc.getFile().getId()))
                .get().asString().contains("zebras");

        // files.list: by type, by channel.
        assertThat(ids(ok("files.list", bob, "types", "images"))).contains(uploaded.getId()).doesNotContain(doc.getFile().getId());
        assertThat(ids(ok("files.list", bob, "types", "pdfs"))).containsExactly(doc.getFile().getId());
        assertThat(ids(ok("files.list", bob, "channel", secret))).containsExactly(doc.getFile().getId());
        assertThat(ids(ok("files.list", cy))).as("cy is not in secret").contains(uploaded.getId())
                .doesNotContain(doc.getFile().getId());
        assertThat(server.problems()).isEmpty();
    }

    @Test
    void onlyMembersOfAConversationTheFileIsSharedInMayReadIt() {
        String fileId = uploadV2(ann, "notes.txt", "private notes\n".getBytes(StandardCharsets.UTF_8), secret);
        JsonNode file = awaitProcessed(ann, fileId);
        String url = file.path("url_private").asString();

        assertThat(get(url, bob).status()).as("a member").isEqualTo(200);
        assertThat(get(url, ann).status()).as("the uploader").isEqualTo(200);
        assertThat(get(url, null).status()).as("no token").isEqualTo(401);
        assertThat(get(url, "not-a-token").status()).as("a bad token").isEqualTo(401);
        Fetched outsider = get(url, cy);
        assertThat(outsider.status()).as("a non-member").isEqualTo(404);
        assertThat(get(url, zed).status()).as("another workspace").isEqualTo(404);
        assertThat(error("files.info", cy, "file", fileId)).isEqualTo("file_not_found");
        assertThat(error("files.info", zed, "file", fileId)).isEqualTo("file_not_found");
        assertThat(error("files.delete", cy, "file", fileId)).isEqualTo("file_not_found");
        assertThat(error("files.delete", bob, "file", fileId)).isEqualTo("cant_delete_file");

        // A private upload (no channel) is its uploader's only.
        String mine = uploadV2(bob, "mine.txt", "bob's\n".getBytes(StandardCharsets.UTF_8), null);
        String mineUrl = awaitProcessed(bob, mine).path("url_private").asString();
        assertThat(get(mineUrl, bob).status()).isEqualTo(200);
        assertThat(get(mineUrl, ann).status()).isEqualTo(404);

        // Public link: works without a token while shared, and not after.
        String link = ok("files.sharedPublicURL", ann, "file", fileId).path("file").path("permalink_public").asString();
        assertThat(get(link, null).status()).isEqualTo(200);
        assertThat(get(link.replaceAll("-[0-9a-f]+/", "-0000/"), null).status()).as("a guessed secret").isEqualTo(404);
        ok("files.revokePublicURL", ann, "file", fileId);
        assertThat(get(link, null).status()).isEqualTo(404);

        // Deleted: gone from the API, the URLs and the store; the message gets Slack's tombstone.
        ok("files.delete", ann, "file", fileId);
        assertThat(error("files.info", ann, "file", fileId)).isEqualTo("file_not_found");
        assertThat(get(url, ann).status()).isEqualTo(404);
        assertThat(server.bean(BlobStore.class).exists(BlobKey.of(teamId, fileId + "/original"))).isFalse();
        awaitMessage(secret, fileId, m -> "tombstone".equals(m.path("mode").asString()));
        assertThat(server.problems()).isEmpty();
    }

    @Test
    void theOlderFilesUploadTakesAFilePartOrContent() {
        String boundary = "----parley" + System.nanoTime();
        byte[] png = png(100, 50);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"channels\"\r\n\r\n" + general + "\r\n");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"initial_comment\"\r\n\r\nold school\r\n");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dot.png\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(png);
        write(body, "\r\n--" + boundary + "--\r\n");
        StandaloneServer.Answer answer = server.exchange("POST", "/api/files.upload",
                Map.of("Authorization", "Bearer " + ann, "Content-Type", "multipart/form-data; boundary=" + boundary),
                body.toByteArray());
        JsonNode uploaded = SlackJson.tree(answer.body());
        assertThat(uploaded.path("ok").asBoolean()).as(answer.body()).isTrue();
        String fileId = uploaded.path("file").path("id").asString();
        assertThat(uploaded.path("file").path("name").asString()).isEqualTo("dot.png");
        assertThat(awaitProcessed(ann, fileId).path("thumb_64_w").asInt()).isEqualTo(64);

        JsonNode snippet = ok("files.upload", ann, "content", "hello snippet", "filename", "hello.txt",
                "channels", general);
        JsonNode text = awaitProcessed(ann, snippet.path("file").path("id").asString());
        assertThat(text.path("mimetype").asString()).startsWith("text/plain");
        assertThat(get(text.path("url_private").asString(), bob).body())
                .isEqualTo("hello snippet".getBytes(StandardCharsets.UTF_8));
        assertThat(error("files.upload", ann, "filename", "x.txt")).isEqualTo("no_file_data");
        assertThat(error("files.upload", ann, "content", "<html><script>alert(1)</script></html>", "filename",
                "x.png", "channels", general)).isEqualTo("invalid_file_type");
        assertThat(error("files.upload", ann, "content", "hi", "filename", "x.txt", "channels", "C0000000000"))
                .isEqualTo("channel_not_found");
        assertThat(server.problems()).isEmpty();
    }

    @Test
    void badUploadsAreRefusedAndNothingIsSharedOrServed() {
        var before = filesInStore();
        assertThat(error("files.getUploadURLExternal", ann, "filename", "empty.txt", "length", "0"))
                .isEqualTo("invalid_arguments");
        assertThat(error("files.getUploadURLExternal", ann, "filename", "huge.bin", "length",
                String.valueOf(6L * 1024 * 1024))).isEqualTo("file_too_large");
        assertThat(error("files.getUploadURLExternal", ann, "length", "5")).isEqualTo("invalid_arguments");

        // Bytes of another length than announced: refused by the URL; never uploaded, so not completable.
        JsonNode url = ok("files.getUploadURLExternal", ann, "filename", "a.txt", "length", "5");
        assertThat(post(url.path("upload_url").asString(), "hello world".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(400);
        assertThat(complete(ann, url.path("file_id").asString(), general)).isEqualTo("file_not_uploaded");
        // A forged URL: another key, the signature no longer matches.
        String forged = url.path("upload_url").asString().replace(url.path("file_id").asString(), "F0000000000");
        assertThat(post(forged, "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
        // Unknown ids and someone else's upload.
        assertThat(complete(ann, "F0000000000", general)).isEqualTo("file_not_found");
        JsonNode bobs = ok("files.getUploadURLExternal", bob, "filename", "b.txt", "length", "5");
        assertThat(post(bobs.path("upload_url").asString(), "hello".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(200);
        assertThat(complete(ann, bobs.path("file_id").asString(), general)).isEqualTo("file_not_found");
        assertThat(error("files.completeUploadExternal", ann, "files", "not json", "channel_id", general))
                .isEqualTo("invalid_arguments");

        // A type its name disguises, a decompression bomb: refused at completion, their bytes deleted.
        String html = upload(ann, "cat.png", "<html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(complete(ann, html, general)).isEqualTo("invalid_file_type");
        String bomb = upload(ann, "bomb.png", bombPng(100_000, 100_000));
        assertThat(complete(ann, bomb, general)).isEqualTo("image_too_large");
        for (String id : List.of(html, bomb)) {
            assertThat(server.bean(BlobStore.class).exists(BlobKey.of(teamId, id + "/original"))).isFalse();
            assertThat(error("files.info", ann, "file", id)).isEqualTo("file_not_found");
        }
        // Fence: a good upload after them is the only one the channel's history shows.
        String good = uploadV2(ann, "fine.txt", "fine\n".getBytes(StandardCharsets.UTF_8), general);
        awaitMessage(general, good, m -> true);
        JsonNode history = ok("conversations.history", ann, "channel", general, "limit", "100");
        for (JsonNode m : history.path("messages")) {
            for (JsonNode f : m.path("files")) {
                assertThat(f.path("id").asString()).isNotIn(html, bomb, url.path("file_id").asString(),
                        bobs.path("file_id").asString());
            }
        }
        assertThat(filesInStore()).as("only bob's uncompleted upload and the good one were stored")
                .hasSize(before.size() + 2);
        assertThat(server.problems()).isEmpty();
    }

    // --- helpers

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MethodsClient sdk() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(server.apiUrl());
        return Slack.getInstance(config).methods();
    }

    /** The three steps of the SDKs' upload, by hand: the file's id. */
    private static String uploadV2(String token, String name, byte[] bytes, String channel) {
        String id = upload(token, name, bytes);
        String error = complete(token, id, channel);
        assertThat(error).isNull();
        return id;
    }

    private static String upload(String token, String name, byte[] bytes) {
        JsonNode url = ok("files.getUploadURLExternal", token, "filename", name, "length", String.valueOf(bytes.length));
        assertThat(post(url.path("upload_url").asString(), bytes).status()).isEqualTo(200);
        return url.path("file_id").asString();
    }

    /** Completes one upload; null when it worked, else the error. */
    private static String complete(String token, String fileId, String channel) {
        List<String> args = new java.util.ArrayList<>(List.of("files", "[{\"id\":\"" + fileId + "\"}]"));
        if (channel != null) {
            args.addAll(List.of("channel_id", channel));
        }
        JsonNode answer = call("files.completeUploadExternal", token, args.toArray(String[]::new));
        return answer.path("ok").asBoolean() ? null : answer.path("error").asString();
    }

    private static JsonNode awaitProcessed(String token, String fileId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonNode file = ok("files.info", token, "file", fileId).path("file");
            if (!file.path("processing_status").asString().equals("processing") || Instant.now().isAfter(deadline)) {
                return file;
            }
            sleep();
        }
    }

    private static JsonNode awaitMessageWithThumbnail(String channel, String fileId) {
        return awaitMessage(channel, fileId, f -> f.has("thumb_64"));
    }

    /** The message of the channel carrying the file, once its file object satisfies {@code test}. */
    private static JsonNode awaitMessage(String channel, String fileId, java.util.function.Predicate<JsonNode> test) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            for (JsonNode m : ok("conversations.history", ann, "channel", channel, "limit", "100").path("messages")) {
                for (JsonNode f : m.path("files")) {
                    if (f.path("id").asString().equals(fileId) && test.test(f)) {
                        return m;
                    }
                }
            }
            assertThat(Instant.now()).as("the message sharing " + fileId + " is updated").isBefore(deadline);
            sleep();
        }
    }

    private java.util.List<String> filesInStore() {
        try (var walk = java.nio.file.Files.walk(server.bean(dev.parley.files.FilesProperties.class)
                .localDirectory(server.bean(org.springframework.core.env.Environment.class)).resolve(teamId))) {
            return walk.filter(java.nio.file.Files::isRegularFile).map(Object::toString)
                    .filter(p -> p.endsWith("original~") || p.endsWith("original")).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonNode list) {
        return list.path("files").valueStream().map(f -> f.path("id").asString()).toList();
    }

    record Fetched(int status, byte[] body, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A GET of one of the server's URLs, on its public port, with the token as a bearer (none when null). */
    private static Fetched get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(local(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private static Fetched post(String url, byte[] body) {
        return send(HttpRequest.newBuilder(local(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static Fetched send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
            return new Fetched(r.statusCode(), r.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's URLs name its public URL (localhost:8080 by default); the test reaches its own port. */
    private static URI local(String url) {
        URI u = URI.create(url);
        return URI.create("http://127.0.0.1:" + server.port() + u.getRawPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }

    private static JsonNode ok(String method, String token, String... args) {
        JsonNode answer = call(method, token, args);
        assertThat(answer.path("ok").asBoolean()).as(method + " " + answer).isTrue();
        return answer;
    }

    private static String error(String method, String token, String... args) {
        JsonNode answer = call(method, token, args);
        assertThat(answer.path("ok").asBoolean()).as(method + " " + answer).isFalse();
        return answer.path("error").asString();
    }

    private static JsonNode call(String method, String token, String... args) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            form.put(args[i], args[i + 1]);
        }
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        StandaloneServer.Answer answer = server.exchange("POST", "/api/" + method, headers,
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(method + " " + answer.body()).isEqualTo(200);
        return SlackJson.tree(answer.body());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }




}
