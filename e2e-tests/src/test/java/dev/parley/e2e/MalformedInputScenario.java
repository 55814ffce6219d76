package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Malformed input through the public port, as a careless or hostile client sends it: a few hundred requests of every
 * content type, broken in every way, to a sample of real methods, each carrying arguments that would change data if
 * read; then edge-level breakage and garbage socket frames. Every one gets Slack's envelope (HTTP 200 for the Web API,
 * a 4xx only where the HTTP layer itself refuses), the workspace's channels, members and history are as they were, and
 * no server process logged an error or a stack trace meanwhile.
 */
interface MalformedInputScenario {

    String apiUrl();

    String rtmUrl(int user);

    /** The log files of every server process, to check for errors and stack traces. */
    List<Path> serverLogs();

    Set<String> PARSE_ERRORS = Set.of("invalid_form_data", "invalid_json", "json_not_object", "invalid_charset",
            "invalid_post_type", "missing_post_type", "invalid_arg_name", "invalid_array_arg", "request_too_large",
            "request_timeout");

    /** Methods of every service, most of which would write if the arguments were read. */
    List<String> METHODS = List.of("chat.postMessage", "chat.update", "chat.delete", "chat.postEphemeral",
            "conversations.create", "conversations.rename", "conversations.setTopic", "conversations.setPurpose",
            "conversations.invite", "conversations.kick", "conversations.archive", "conversations.leave",
            "conversations.history", "conversations.mark", "reactions.add", "pins.add", "users.profile.set",
            "users.setPresence", "dnd.setSnooze", "admin.users.create", "auth.signin", "workspaces.create", "api.test");

    String BOUNDARY = "e2e-malformed-5f0c";

    /** One way of breaking a request: its verb, query, Content-Type (none when null) and body. */
    record Broken(String name, String httpMethod, String query, String contentType, byte[] body) {
    }

    private static String form(Map<String, String> args) {
        return args.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static byte[] multipart(Map<String, String> args, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : args.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static List<Broken> brokenWays(Map<String, String> args) {
        String form = form(args);
        String json = SlackClient.JSON.writeValueAsString(args);
        byte[] multipart = multipart(args, BOUNDARY);
        String urlencoded = "application/x-www-form-urlencoded";
        String mp = "multipart/form-data; boundary=" + BOUNDARY;
        List<Broken> ways = new ArrayList<>(List.of(
                new Broken("multipart without boundary", "POST", null, "multipart/form-data", multipart),
                new Broken("multipart with another boundary", "POST", null, "multipart/form-data; boundary=other", multipart),
                new Broken("multipart with a form body", "POST", null, mp, bytes(form)),
                new Broken("multipart cut short", "POST", null, mp, java.util.Arrays.copyOf(multipart, multipart.length / 2)),
                new Broken("multipart without its closing", "POST", null, mp,
                        java.util.Arrays.copyOf(multipart, multipart.length - BOUNDARY.length() - 6)),
                new Broken("multipart value not UTF-8", "POST", null, mp, concat(bytes("--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"text2\"\r\n\r\n\u00ff\u00fe\r\n"), multipart)),
                new Broken("form bad escape", "POST", null, urlencoded, bytes(form + "&text2=%zz")),
                new Broken("form escape cut", "POST", null, urlencoded, bytes(form + "&text2=%e")),
                new Broken("form not UTF-8", "POST", null, urlencoded, bytes(form + "&text2=%ff%fe")),
                new Broken("form raw byte not UTF-8", "POST", null, urlencoded, bytes(form + "&text2=\u00ff")),
                new Broken("form bad argument name", "POST", null, urlencoded, bytes(form + "&a.b=1")),
                new Broken("form PHP array", "POST", null, urlencoded, bytes(form + "&channel%5B%5D=C1")),
                new Broken("query bad escape", "POST", "channel=%zz", urlencoded, bytes(form)),
                new Broken("query not UTF-8", "GET", form + "&x=%c3%28", null, null),
                new Broken("json cut", "POST", null, "application/json", bytes(json.substring(0, json.length() / 2))),
                new Broken("json array", "POST", null, "application/json", bytes("[" + json + "]")),
                new Broken("json string", "POST", null, "application/json", bytes("\"" + form + "\"")),
                new Broken("json duplicate key", "POST", null, "application/json",
                        bytes(json.substring(0, json.length() - 1) + ",\"channel\":\"C2\"}")),
                new Broken("json too deep", "POST", null, "application/json", bytes(json.substring(0, json.length() - 1)
                        + ",\"blocks\":" + "[".repeat(200) + "]".repeat(200) + "}")),
                new Broken("json huge number", "POST", null, "application/json",
                        bytes(json.substring(0, json.length() - 1) + ",\"limit\":" + "9".repeat(2000) + "}")),
                new Broken("json not UTF-8", "POST", null, "application/json",
                        bytes(json.substring(0, json.length() - 1) + ",\"t\":\"\u00c3(\"}")),
                new Broken("charset utf-16", "POST", null, urlencoded + "; charset=utf-16", bytes(form)),
                new Broken("unknown charset", "POST", null, "application/json; charset=klingon", bytes(json)),
                new Broken("xml", "POST", null, "application/xml", bytes(form)),
                new Broken("no Content-Type", "POST", null, null, bytes(form)),
                new Broken("PUT with bad form", "PUT", null, urlencoded, bytes(form + "&x=%zz"))));
        return ways;
    }

    @Test
    default void malformedRequestsOfEveryKindGetSlackErrorsAndChangeNothing() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient owner = team.get(0).api();
        SlackClient member = team.get(1).api();
        String channel = owner.ok("conversations.create", "name", "malformed-" + UUID.randomUUID().toString().substring(0, 8))
                .path("channel").path("id").asString();
        member.ok("conversations.join", "channel", channel);
        String ts = owner.ok("chat.postMessage", "channel", channel, "text", "before").path("ts").asString();
        member.ok("chat.postMessage", "channel", channel, "text", "a reply", "thread_ts", ts);
        owner.ok("reactions.add", "channel", channel, "timestamp", ts, "name", "tada");
        Map<String, String> snapshot = snapshot(owner, member);
        Map<Path, Long> marks = logMarks();

        Map<String, String> args = new LinkedHashMap<>();
        args.put("channel", channel);
        args.put("text", "must never be stored");
        args.put("ts", ts);
        args.put("timestamp", ts);
        args.put("name", "never-" + UUID.randomUUID().toString().substring(0, 6));
        args.put("topic", "never");
        args.put("users", team.get(1).id());
        args.put("email", "never@" + team.domain() + ".test");
        args.put("password", "never mind");
        args.put("presence", "away");
        args.put("num_minutes", "10");
        RawHttp http = new RawHttp(apiUrl());
        int sent = 0;
        for (String method : METHODS) {
            for (Broken broken : brokenWays(args)) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", "Bearer " + owner.token());
                if (broken.contentType() != null) {
                    headers.put("Content-Type", broken.contentType());
                }
                RawHttp.Answer answer = http.send(broken.httpMethod(),
                        "/api/" + method + (broken.query() == null ? "" : "?" + broken.query()), headers, broken.body());
                String what = method + " / " + broken.name() + " → " + answer;
                assertThat(answer.status()).as(what).isEqualTo(200);
                JsonNode body = SlackClient.JSON.readTree(answer.body());
                assertThat(body.path("ok").asBoolean(true)).as(what).isFalse();
                assertThat(body.path("error").asString()).as(what).isIn(PARSE_ERRORS);
                sent++;
            }
        }
        // One body over the limit per service that owns methods here.
        for (String method : List.of("chat.postMessage", "conversations.create", "users.profile.set", "auth.signin")) {
            byte[] huge = bytes(form(args) + "&text2=" + "x".repeat(2 * 1024 * 1024 + 10));
            RawHttp.Answer answer = http.send("POST", "/api/" + method,
                    Map.of("Authorization", "Bearer " + owner.token(), "Content-Type", "application/x-www-form-urlencoded"), huge);
            assertThat(answer.body()).as(method).isEqualTo("{\"ok\":false,\"error\":\"request_too_large\"}");
            sent++;
        }
        assertThat(sent).isGreaterThanOrEqualTo(500);

        edgeRefusalsAreSlackShaped(http, owner.token(), channel);
        garbageFramesGetErrorFramesAndTheSocketStays(owner.token());

        assertThat(snapshot(owner, member)).isEqualTo(snapshot);
        assertThat(problemsSince(marks)).isEmpty();
    }

    private void edgeRefusalsAreSlackShaped(RawHttp http, String token, String channel) {
        String form = "channel=" + channel + "&text=cut";
        String chunked = "POST /api/chat.postMessage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(form.length()) + "\r\n" + form + "\r\nzz\r\nrest\r\n0\r\n\r\n";
        assertThat(RawHttp.parse(http.exchange(bytes(chunked))))
                .isEqualTo(new RawHttp.Answer(400, "{\"ok\":false,\"error\":\"invalid_request\"}"));
        assertThat(http.send("GET", "/api/%ff", Map.of(), null))
                .isEqualTo(new RawHttp.Answer(400, "{\"ok\":false,\"error\":\"invalid_request\"}"));
        assertThat(http.send("GET", "/api/api.test?a=|{}", Map.of(), null))
                .isEqualTo(new RawHttp.Answer(400, "{\"ok\":false,\"error\":\"invalid_request\"}"));
        assertThat(http.send("GET", "/api/api.test?" + "a".repeat(9000), Map.of(), null))
                .isEqualTo(new RawHttp.Answer(414, "{\"ok\":false,\"error\":\"uri_too_long\"}"));
        assertThat(http.send("CONNECT", "x:443", Map.of(), null))
                .isEqualTo(new RawHttp.Answer(405, "{\"ok\":false,\"error\":\"method_not_allowed\"}"));
        assertThat(http.send("GET", "/api/", Map.of(), null))
                .isEqualTo(new RawHttp.Answer(200, "{\"ok\":false,\"error\":\"unknown_method\"}"));
        assertThat(RawHttp.parse(http.exchange(bytes("\u0000\u0001garbage\r\n\r\n"))))
                .isEqualTo(new RawHttp.Answer(400, "{\"ok\":false,\"error\":\"invalid_request\"}"));
    }

    private void garbageFramesGetErrorFramesAndTheSocketStays(String token) {
        List<String> frames = List.of("{not json", "[]", "\"x\"", "null", "{}", "{\"type\":5}", "{\"type\":\"dance\",\"id\":1}",
                "{\"type\":\"message\",\"id\":2}", "{\"type\":\"message\",\"id\":3,\"channel\":[],\"text\":{}}",
                "{\"type\":\"message\",\"id\":4,\"channel\":\"' OR '1'='1\",\"text\":\"<script>\"}",
                "{\"type\":\"mark\",\"id\":5,\"channel\":\"C0\",\"ts\":\"NaN\"}",
                "{\"type\":\"resume\",\"id\":6,\"channels\":{\"C1\":-1}}", "{\"type\":\"token\",\"id\":7,\"token\":\"x\"}",
                "{\"type\":\"presence_sub\",\"id\":8,\"ids\":\"U1\"}", "{\"type\":\"typing\",\"id\":9,\"channel\":\"CNOPE\"}",
                "{\"type\":\"ping\",\"id\":99999999999999999999999999999}",
                "{\"type\":\"ping\",\"id\":10,\"time\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
        try (RtmClient socket = RtmClient.connect(rtmUrl(0), token)) {
            socket.awaitType("hello");
            for (String frame : frames) {
                socket.send(frame);
            }
            socket.send("{\"type\":\"ping\",\"id\":1000}");
            socket.await(f -> f.path("reply_to").asInt(-1) == 1000, Duration.ofSeconds(20));
            for (int id = 2; id <= 9; id++) {
                int wanted = id;
                JsonNode reply = socket.await(f -> f.path("reply_to").asInt(-1) == wanted, Duration.ofSeconds(20));
                assertThat(reply.path("ok").asBoolean(true)).as(reply.toString()).isFalse();
                assertThat(reply.path("error").path("msg").asString()).as(reply.toString()).matches("[a-z_]+");
            }
            assertThat(socket.isClosed()).isFalse();
        }
    }

    private Map<String, String> snapshot(SlackClient owner, SlackClient member) {
        Map<String, String> state = new LinkedHashMap<>();
        for (SlackClient who : List.of(owner, member)) {
            JsonNode list = who.ok("conversations.list", "types", "public_channel,private_channel,mpim,im",
                    "exclude_archived", "false", "limit", "1000");
            state.put(who.token() + " list", list.path("channels").toString());
            for (JsonNode c : list.path("channels")) {
                String id = c.path("id").asString();
                state.put(id + " history", who.ok("conversations.history", "channel", id, "limit", "1000").path("messages").toString());
                state.put(id + " members", who.ok("conversations.members", "channel", id).path("members").toString());
                state.put(id + " info", who.ok("conversations.info", "channel", id).path("channel").toString());
            }
        }
        state.put("users", owner.ok("users.list").path("members").toString());
        state.put("profile", owner.ok("users.profile.get").path("profile").toString());
        return state;
    }

    private Map<Path, Long> logMarks() {
        Map<Path, Long> marks = new LinkedHashMap<>();
        for (Path log : serverLogs()) {
            try {
                marks.put(log, Files.size(log));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return marks;
    }

    /** Log lines written since the marks that are errors or part of a stack trace. */
    private List<String> problemsSince(Map<Path, Long> marks) {
        List<String> problems = new ArrayList<>();
        marks.forEach((log, mark) -> {
            try {
                byte[] all = Files.readAllBytes(log);
                String written = new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                        StandardCharsets.UTF_8);
                for (String line : written.split("\n")) {
                    if (line.contains(" ERROR ") || line.startsWith("\tat ") || line.matches("^[a-z]+(\\.[a-zA-Z0-9_$]+)+(Exception|Error)\\b.*")) {
                        problems.add(log.getFileName() + ": " + line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return problems;
    }
}
