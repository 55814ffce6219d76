package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.json.SlackJson;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;

/**
 * The Web API end to end over the standalone server's public port (edge, Tomcat, dispatcher, every service, H2),
 * fuzzed: malformed requests to every method it serves are refused with Slack's parse errors and change nothing;
 * well-formed calls with hostile arguments (injection strings, huge values, wrong types, ids of real objects) always
 * get HTTP 200 and Slack's envelope, and a refused one changes nothing. No request may make the server log an error or
 * a stack trace. Seeds are fixed; jqwik prints the seed and the shrunk sample of a failure.
 */
class WebApiFuzzTest {

    static final Set<String> PARSE_ERRORS = Set.of("invalid_form_data", "invalid_json", "json_not_object",
            "invalid_charset", "invalid_post_type", "missing_post_type", "invalid_arg_name", "invalid_array_arg",
            "request_too_large", "request_timeout");

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE channels; --", "\" OR 1=1 --", "1; SELECT SLEEP(10)", "%' UNION SELECT 1 --",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "{{7*7}}",
            "${jndi:ldap://x/a}", "../../etc/passwd", "\u0000", "\r\nX-A: b", "\uFEFF", "\u202E", "😀👩‍👩‍👧", "null",
            "true", "[]", "{}", "[{}]", "{\"a\":", "-1", "0", "-0", "1e999", "NaN", "99999999999999999999999999999",
            "2147483648", "-9223372036854775809", "1.5", " ", "\t", "", "C", "U", "T", "0000000000.000000",
            "9999999999.999999", "1795463065.488164.1", "<!channel>", "<@U0>", ":+1:", "#general");

    private static final String BOUNDARY = "parley-fuzz-d41d8cd9";

    /**
     * Reads answers as a client without a nesting limit does (Slack's Java SDK reads with Gson): a message stored with
     * deeply nested blocks comes back as deep as it was sent.
     */
    private static final tools.jackson.databind.json.JsonMapper CLIENT_JSON = tools.jackson.databind.json.JsonMapper.builder(
            tools.jackson.core.json.JsonFactory.builder().streamReadConstraints(
                    tools.jackson.core.StreamReadConstraints.builder().maxNestingDepth(10_000).build()).build()).build();

    /** Argument names the methods read, so fuzzed calls get past the first check into the services. */
    private static final List<String> ARG_NAMES = List.of("channel", "channels", "text", "ts", "thread_ts", "latest",
            "oldest", "inclusive", "limit", "cursor", "name", "user", "users", "topic", "purpose", "timestamp",
            "blocks", "attachments", "presence", "profile", "num_minutes", "types", "exclude_archived", "email",
            "password", "real_name", "role", "team", "domain", "client_msg_id", "reply_broadcast", "return_im",
            "include_num_members", "message_ts", "full", "count", "page", "is_private", "include_locale", "token");

    private static StandaloneServer server;
    /** The text of the last answer, for messages (an answer as deep as a client sent it is not printed as a tree). */
    private static String lastAnswer;
    private static Fixture fixture;

    /** What the fuzzed calls can point at: a real workspace's ids, so handlers go past "not found". */
    record Fixture(String ownerToken, String memberToken, String teamId, String domain, String ownerId, String memberId,
                   String channelId, String privateId, String ts) {
    }

    @BeforeContainer
    static void start() {
        server = new StandaloneServer();
        String domain = "fuzz";
        JsonNode created = ok("workspaces.create", null, "name", "Fuzz", "domain", domain, "email", "owner@fuzz.test",
                "password", "correct horse", "real_name", "Owner");
        String owner = created.path("token").asString();
        String memberId = ok("admin.users.create", owner, "email", "member@fuzz.test", "password", "battery staple",
                "real_name", "Member").path("user").path("id").asString();
        String member = ok("auth.signin", null, "email", "member@fuzz.test", "password", "battery staple").path("token").asString();
        String channel = ok("conversations.create", owner, "name", "general").path("channel").path("id").asString();
        String secret = ok("conversations.create", owner, "name", "secret", "is_private", "true").path("channel").path("id").asString();
        ok("conversations.join", member, "channel", channel);
        String ts = ok("chat.postMessage", owner, "channel", channel, "text", "hello").path("ts").asString();
        ok("chat.postMessage", member, "channel", channel, "text", "reply", "thread_ts", ts);
        ok("reactions.add", member, "channel", channel, "timestamp", ts, "name", "tada");
        ok("pins.add", owner, "channel", channel, "timestamp", ts);
        fixture = new Fixture(owner, member, created.path("team").path("id").asString(), domain,
                created.path("user").path("id").asString(), memberId, channel, secret, ts);
        assertThat(server.problems()).isEmpty();
        // The log watch sees what the server logs.
        org.slf4j.LoggerFactory.getLogger(WebApiFuzzTest.class).error("log watch check");
        assertThat(server.problems()).hasSize(1);
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode ok(String method, String token, String... args) {
        Map<String, Object> form = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            form.put(args[i], args[i + 1]);
        }
        JsonNode answer = call(new Call(method, token, "POST", null, "application/x-www-form-urlencoded",
                form(form).getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.path("ok").asBoolean()).as(method + " " + answer).isTrue();
        return answer;
    }

    /** One request: everything a client chooses about it. */
    record Call(String method, String token, String httpMethod, String query, String contentType, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
            return httpMethod + " " + method + (query == null ? "" : "?" + query) + " [" + contentType + "] "
                    + (token == null ? "anonymous" : "token") + " " + shown + (body != null && body.length > 300 ? "…" : "");
        }
    }

    private static JsonNode call(Call call) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (call.contentType() != null) {
            headers.put("Content-Type", call.contentType());
        }
        if (call.token() != null) {
            headers.put("Authorization", "Bearer " + call.token());
        }
        StandaloneServer.Answer answer = server.exchange(call.httpMethod(),
                "/api/" + call.method() + (call.query() == null ? "" : "?" + call.query()), headers, call.body());
        if (answer.status() == 429) {
            // Slack's one Web API answer that is not HTTP 200: a rate limit, which is no bug of bad input.
            assertThat(answer.body()).as(call.toString()).isEqualTo("{\"ok\":false,\"error\":\"ratelimited\"}");
        } else {
            assertThat(answer.status()).as(call + " → " + answer.body()).isEqualTo(200);
        }
        assertThat(answer.contentType()).startsWith("application/json");
        lastAnswer = answer.body();
        JsonNode body = CLIENT_JSON.readTree(answer.body());
        assertThat(body.path("ok").isBoolean()).as(answer.body()).isTrue();
        if (!body.path("ok").asBoolean()) {
            assertThat(body.path("error").asString()).as(answer.body()).matches("[a-z0-9_]+");
        }
        return body;
    }

    // ---- malformed requests -------------------------------------------------------------------------------------

    @Property(tries = 600, seed = "20261124")
    void malformedRequestsToEveryMethodAreRefusedAndChangeNothing(@ForAll("methods") String method,
                                                                   @ForAll("tokens") String token,
                                                                   @ForAll("malformed") Malformed malformed) {
        Map<String, List<String>> before = server.snapshot();
        Call call = new Call(method, token, malformed.httpMethod(), malformed.query(), malformed.contentType(), malformed.body());
        JsonNode answer = call(call);
        assertThat(answer.path("ok").asBoolean()).as(call + " → " + lastAnswer).isFalse();
        assertThat(answer.path("error").asString()).as(call + " → " + lastAnswer).isIn(PARSE_ERRORS);
        Statistics.label("error").collect(answer.path("error").asString());
        assertThat(server.snapshot()).as(call.toString()).isEqualTo(before);
        assertThat(server.problems()).as(call.toString()).isEmpty();
    }

    /** A request that would be a valid call but for one defect of its envelope. */
    record Malformed(String httpMethod, String query, String contentType, byte[] body) {
        @Override
        public String toString() {
            return httpMethod + (query == null ? "" : " ?" + query) + " [" + contentType + "] " + body.length + " bytes: "
                    + new String(body, Math.max(0, body.length - 120), Math.min(body.length, 120), StandardCharsets.ISO_8859_1);
        }
    }

    private Map<String, Object> validArgs() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("channel", fixture.channelId());
        args.put("text", "should never be stored");
        args.put("name", "never-created");
        args.put("timestamp", fixture.ts());
        args.put("ts", fixture.ts());
        args.put("users", fixture.memberId());
        return args;
    }

    @Provide
    Arbitrary<Malformed> malformed() {
        Map<String, Object> args = validArgs();
        String form = form(args);
        byte[] json = SlackJson.writeBytes(args);
        byte[] multipart = multipart(args);
        // Cut before the closing delimiter: a body ending right after a part's delimiter has all its parts whole.
        Arbitrary<Integer> cut = Arbitraries.integers().between(1, multipart.length - BOUNDARY.length() - 6);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Malformed("POST", null, "multipart/form-data", multipart))),
                Tuple.of(3, Arbitraries.just(new Malformed("POST", null, "multipart/form-data; boundary=other", multipart))),
                Tuple.of(3, Arbitraries.just(new Malformed("POST", null, "multipart/form-data; boundary=" + BOUNDARY, form.getBytes()))),
                Tuple.of(5, cut.map(n -> new Malformed("POST", null, "multipart/form-data; boundary=" + BOUNDARY,
                        java.util.Arrays.copyOf(multipart, n)))),
                Tuple.of(3, Arbitraries.of("%zz", "%f", "%ff", "%c3%28", "%ed%a0%80", "%", "\u00ff").map(bad ->
                        new Malformed("POST", null, "application/x-www-form-urlencoded",
                                (form + "&text2=" + bad).getBytes(StandardCharsets.ISO_8859_1)))),
                Tuple.of(3, Arbitraries.of("%zz", "%ff", "%c3%28", "%").map(bad ->
                        new Malformed("POST", "channel=" + bad, "application/x-www-form-urlencoded", form.getBytes()))),
                Tuple.of(2, Arbitraries.of("x.y", "a-b", "a%20b", "", "channel%5B%5D", "c%5B0%5D", "x".repeat(101)).map(name ->
                        new Malformed("POST", null, "application/x-www-form-urlencoded", (form + "&" + name + "=1").getBytes()))),
                Tuple.of(4, Arbitraries.integers().between(1, json.length - 1).map(n ->
                        new Malformed("POST", null, "application/json", java.util.Arrays.copyOf(json, n)))),
                Tuple.of(2, Arbitraries.just(new Malformed("POST", null, "application/json",
                        ("[" + new String(json, StandardCharsets.UTF_8) + "]").getBytes()))),
                Tuple.of(1, Arbitraries.of("\"text\"", "1", "null", "true", "[]").map(body ->
                        new Malformed("POST", null, "application/json", body.getBytes()))),
                Tuple.of(2, Arbitraries.just(new Malformed("POST", null, "application/json",
                        ("{\"channel\":\"" + fixture.channelId() + "\",\"text\":\"x\",\"channel\":\"" + fixture.privateId() + "\"}").getBytes()))),
                Tuple.of(2, Arbitraries.integers().between(65, 3000).map(depth -> new Malformed("POST", null, "application/json",
                        ("{\"channel\":\"" + fixture.channelId() + "\",\"blocks\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes()))),
                Tuple.of(2, Arbitraries.just(new Malformed("POST", null, "application/json",
                        ("{\"channel\":\"" + fixture.channelId() + "\",\"limit\":" + "9".repeat(2000) + "}").getBytes()))),
                Tuple.of(2, Arbitraries.just(new Malformed("POST", null, "application/json", new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, '(', '"', '}'}))),
                Tuple.of(2, Arbitraries.of("utf-16", "utf-32", "nope", "", "\"\"", "x-unknown").map(cs ->
                        new Malformed("POST", null, "application/x-www-form-urlencoded; charset=" + cs, form.getBytes()))),
                Tuple.of(2, Arbitraries.of("application/xml", "text/html", "image/png", "multipart/mixed; boundary=x", ";", "*/*").map(type ->
                        new Malformed("POST", null, type, form.getBytes()))),
                Tuple.of(2, Arbitraries.just(new Malformed("POST", null, null, form.getBytes()))),
                Tuple.of(2, Arbitraries.of("PUT", "PATCH", "DELETE").map(verb ->
                        new Malformed(verb, null, "application/x-www-form-urlencoded", (form + "&x=%zz").getBytes()))),
                Tuple.of(1, Arbitraries.just(new Malformed("POST", null, "application/x-www-form-urlencoded",
                        ("text=" + "x".repeat(2 * 1024 * 1024 + 1) + "&" + form).getBytes()))));
    }

    // ---- hostile arguments --------------------------------------------------------------------------------------

    @Property(tries = 1500, seed = "20261124")
    void hostileArgumentsGetSlacksEnvelopeAndARefusalChangesNothing(@ForAll("methods") String method,
                                                                     @ForAll("tokens") String token,
                                                                     @ForAll("hostileArgs") Map<String, Object> args,
                                                                     @ForAll("encodings") int encoding) {
        Map<String, List<String>> before = server.snapshot();
        Call call = encode(method, token, args, encoding);
        JsonNode answer = call(call);
        Statistics.label("outcome").collect(answer.path("ok").asBoolean() ? "ok" : answer.path("error").asString());
        if (!answer.path("ok").asBoolean()) {
            assertThat(server.snapshot()).as(call + " → " + lastAnswer).isEqualTo(before);
        }
        assertThat(server.problems()).as(call + " → " + lastAnswer).isEmpty();
    }

    private static Call encode(String method, String token, Map<String, Object> args, int encoding) {
        return switch (encoding) {
            case 0 -> new Call(method, token, "POST", null, "application/x-www-form-urlencoded", form(args).getBytes());
            case 1 -> new Call(method, token, "POST", null, "application/json; charset=utf-8", SlackJson.writeBytes(args));
            case 2 -> new Call(method, token, "POST", null, "multipart/form-data; boundary=" + BOUNDARY, multipart(args));
            default -> {
                String query = form(args);
                yield query.length() < 6000 ? new Call(method, token, "GET", query, null, null)
                        : new Call(method, token, "POST", null, "text/plain", query.getBytes());
            }
        };
    }

    @Provide
    Arbitrary<Integer> encodings() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<String> methods() {
        List<String> methods = new ArrayList<>(server.methods());
        methods.add("api.test");
        return Arbitraries.of(methods);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.frequency(Tuple.of(6, fixture.ownerToken()), Tuple.of(3, fixture.memberToken()));
    }

    @Provide
    Arbitrary<Map<String, Object>> hostileArgs() {
        Arbitrary<String> ids = Arbitraries.of(fixture.channelId(), fixture.privateId(), fixture.ownerId(),
                fixture.memberId(), fixture.ts(), fixture.teamId(), fixture.domain(), "C" + "0".repeat(30), "D0", "G0");
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(100);
        Arbitrary<String> huge = Arbitraries.integers().between(1_000, 60_000).map(n -> "x".repeat(n));
        Arbitrary<String> lists = ids.list().ofMaxSize(5).map(l -> String.join(",", l));
        // JSON text in a form field (blocks, attachments, profile) is parsed by the method, not by the dispatcher.
        Arbitrary<String> deepJsonText = Arbitraries.integers().between(10, 2000).map(depth ->
                depth % 2 == 0 ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
        Arbitrary<Object> strings = Arbitraries.frequencyOf(
                Tuple.of(4, ids), Tuple.of(4, Arbitraries.of(INJECTIONS)), Tuple.of(3, text), Tuple.of(1, huge),
                Tuple.of(2, lists), Tuple.of(1, deepJsonText)).map(s -> (Object) s);
        Arbitrary<Object> json = Arbitraries.oneOf(
                Arbitraries.of(List.of(), List.of(1, 2), Map.of(), Map.of("type", "section"), List.of(Map.of("type", "x")),
                        Map.of("status_text", "x".repeat(200)), 1, -1, 0, Long.MAX_VALUE, 1.5e300, true, false)
                        .map(o -> (Object) o),
                Arbitraries.integers().map(i -> (Object) i));
        Arbitrary<Object> values = Arbitraries.frequencyOf(Tuple.of(8, strings), Tuple.of(1, json));
        return Arbitraries.maps(Arbitraries.of(ARG_NAMES), values).ofMaxSize(6)
                .map(m -> (Map<String, Object>) new LinkedHashMap<>(m));
    }

    /** Whether such blocks are valid is the messaging service's rule; here only that no depth breaks a method. */
    @Example
    void deepJsonTextInArgumentsThatMethodsParseNeverFailsThem() {
        for (int depth : List.of(100, 499, 501, 1000, 20_000)) {
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            for (String deep : List.of(arrays, objects)) {
                for (String[] call : List.of(new String[] {"chat.postMessage", "blocks"}, new String[] {"chat.postMessage", "attachments"},
                        new String[] {"chat.postEphemeral", "blocks"}, new String[] {"chat.update", "blocks"},
                        new String[] {"users.profile.set", "profile"})) {
                    Map<String, Object> args = new LinkedHashMap<>();
                    args.put("channel", fixture.channelId());
                    args.put("user", fixture.memberId());
                    args.put("ts", fixture.ts());
                    args.put("text", "deep");
                    args.put(call[1], deep);
                    call(encode(call[0], fixture.ownerToken(), args, 0));
                    assertThat(server.problems()).as(call[0] + " " + call[1] + " depth " + depth).isEmpty();
                }
            }
        }
        // What was stored can be read back: such a message once made its channel's history fail for everyone.
        JsonNode history = call(new Call("conversations.history", fixture.ownerToken(), "POST", null,
                "application/x-www-form-urlencoded", ("channel=" + fixture.channelId()).getBytes()));
        assertThat(history.path("ok").asBoolean()).as(lastAnswer.substring(0, Math.min(300, lastAnswer.length()))).isTrue();
    }

    // ---- what never reaches the dispatcher ----------------------------------------------------------------------

    @Example
    void requestsRefusedBeforeTheDispatcherStillGetSlacksEnvelope() {
        assertThat(server.send("", "GET", null, null, null)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).isEqualTo("{\"ok\":false,\"error\":\"unknown_method\"}");
        });
        assertThat(server.send("a/b", "GET", null, null, null).body()).isEqualTo("{\"ok\":false,\"error\":\"unknown_method\"}");
        assertThat(server.send("api.test", "TRACE", null, null, null)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(405);
            assertThat(a.body()).isEqualTo("{\"ok\":false,\"error\":\"method_not_allowed\"}");
        });
        assertThat(server.raw("GET /api/%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes()))
                .startsWith("HTTP/1.1 400").endsWith("{\"ok\":false,\"error\":\"invalid_request\"}");
        assertThat(server.raw("GET /api/api%2Ftest HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes()))
                .startsWith("HTTP/1.1 400").endsWith("{\"ok\":false,\"error\":\"invalid_request\"}");
        assertThat(server.raw("GET /api/api.test?a=|{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes()))
                .startsWith("HTTP/1.1 400").endsWith("{\"ok\":false,\"error\":\"invalid_request\"}");
        assertThat(server.raw("CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\nConnection: close\r\n\r\n".getBytes()))
                .startsWith("HTTP/1.1 405").endsWith("{\"ok\":false,\"error\":\"method_not_allowed\"}");
        assertThat(server.raw(("GET /api/api.test?" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes()))
                .startsWith("HTTP/1.1 414").endsWith("{\"ok\":false,\"error\":\"uri_too_long\"}");
        assertThat(server.raw(("GET /api/api.test HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n").getBytes()))
                .startsWith("HTTP/1.1 431").endsWith("{\"ok\":false,\"error\":\"headers_too_large\"}");
        assertThat(server.send("nothing", "GET", null, null, null).body()).isEqualTo("{\"ok\":false,\"error\":\"unknown_method\"}");
        assertThat(server.problems()).isEmpty();
    }

    @Example
    void putPatchAndDeleteBodiesReachTheMethod() {
        for (String verb : List.of("PUT", "PATCH", "DELETE")) {
            JsonNode answer = SlackJson.tree(server.send("api.test", verb, null, "application/x-www-form-urlencoded",
                    "a=1".getBytes()).body());
            assertThat(answer.path("args").path("a").asString()).as(verb).isEqualTo("1");
        }
    }

    @Example
    void aBodyCutByAMalformedChunkIsNeverTakenAsComplete() {
        Map<String, List<String>> before = server.snapshot();
        String form = "channel=" + fixture.channelId() + "&text=cut";
        String request = "POST /api/chat.postMessage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + fixture.ownerToken()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(form.length()) + "\r\n" + form + "\r\nzz\r\nmore\r\n0\r\n\r\n";
        assertThat(server.raw(request.getBytes())).startsWith("HTTP/1.1 400").endsWith("{\"ok\":false,\"error\":\"invalid_request\"}");
        assertThat(server.snapshot()).isEqualTo(before);
        assertThat(server.problems()).isEmpty();
    }

    @Example
    void aBodyOverTheLimitIsRefusedAndTheConnectionDoesNotCarryItsRestAsANewRequest() {
        byte[] body = ("channel=" + fixture.channelId() + "&text=" + "x".repeat(6 * 1024 * 1024)).getBytes();
        String head = "POST /api/chat.postMessage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + fixture.ownerToken()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes());
        request.writeBytes(body);
        String answer;
        try {
            answer = server.raw(request.toByteArray());
        } catch (java.io.UncheckedIOException e) {
            answer = ""; // closed while the rest was still being written: the answer may be lost, never a second one
        }
        if (!answer.isEmpty()) {
            assertThat(answer).contains("{\"ok\":false,\"error\":\"request_too_large\"}");
            assertThat(answer.indexOf("HTTP/1.1", 1)).as(answer).isEqualTo(-1);
        }
        assertThat(server.problems()).isEmpty();
    }

    // ---- encodings ----------------------------------------------------------------------------------------------

    static String form(Map<String, Object> args) {
        return args.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue() instanceof String s ? s : SlackJson.write(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static byte[] multipart(Map<String, Object> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String value = e.getValue() instanceof String s ? s : SlackJson.write(e.getValue());
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + value + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
