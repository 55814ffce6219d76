package dev.parley.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;

/**
 * Property-based fuzzing of Web API argument parsing over a real Tomcat: every way of sending arguments gives back
 * exactly what was sent, and whatever a client sends instead (bytes at random, valid bodies broken, deep or huge JSON,
 * any Content-Type) gets HTTP 200 and either the arguments or one of Slack's parse errors; never a server error.
 * Seeds are fixed so a run is repeatable; jqwik prints the seed and the shrunk sample of a failure.
 */
class ApiRequestParserFuzzTest {

    private static ParserServer server;

    @BeforeContainer
    static void start() {
        server = new ParserServer();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    private static Map<String, String> args(JsonNode args) {
        Map<String, String> map = new TreeMap<>();
        args.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    private static void assertRefusedOrRead(ParserServer.Answer answer) {
        assertThat(answer.body().has("ok")).as(answer.body().toString()).isTrue();
        if (!answer.ok()) {
            assertThat(answer.error()).as(answer.body().toString()).isIn(Bodies.PARSE_ERRORS);
        }
    }

    @Property(tries = 500, seed = "20261124")
    void formBodiesRoundTrip(@ForAll("args") Map<String, String> args) {
        ParserServer.Answer answer = server.post(null, "application/x-www-form-urlencoded",
                Bodies.form(args).getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.ok()).as(answer.body().toString()).isTrue();
        assertThat(args(answer.args())).isEqualTo(new TreeMap<>(args));
    }

    @Property(tries = 500, seed = "20261124")
    void jsonBodiesRoundTrip(@ForAll("args") Map<String, String> args) {
        ParserServer.Answer answer = server.post(null, "application/json; charset=utf-8", Bodies.json(args));
        assertThat(answer.ok()).as(answer.body().toString()).isTrue();
        assertThat(args(answer.args())).isEqualTo(new TreeMap<>(args));
    }

    @Property(tries = 500, seed = "20261124")
    void multipartBodiesRoundTrip(@ForAll("args") Map<String, String> args) {
        ParserServer.Answer answer = server.post(null, Bodies.multipartType(), Bodies.multipart(args));
        if (args.isEmpty()) {
            assertThat(answer.error()).isEqualTo("invalid_form_data");
            return;
        }
        assertThat(answer.ok()).as(answer.body().toString()).isTrue();
        assertThat(args(answer.args())).isEqualTo(new TreeMap<>(args));
    }

    @Property(tries = 500, seed = "20261124")
    void queryStringsRoundTrip(@ForAll("smallArgs") Map<String, String> args) {
        ParserServer.Answer answer = server.get(Bodies.form(args));
        assertThat(answer.ok()).as(answer.body().toString()).isTrue();
        assertThat(args(answer.args())).isEqualTo(new TreeMap<>(args));
    }

    @Property(tries = 2000, seed = "20261124")
    void anyBytesInAnyContentTypeAreReadOrRefused(@ForAll("contentTypes") String contentType, @ForAll byte[] body) {
        assertRefusedOrRead(server.post(null, contentType, body));
    }

    @Property(tries = 2000, seed = "20261124")
    void brokenBodiesAreReadOrRefused(@ForAll("args") Map<String, String> args, @ForAll @IntRange(max = 2) int encoding,
                                      @ForAll("mutations") List<Bodies.Mutation> mutations) {
        byte[] body = switch (encoding) {
            case 0 -> Bodies.form(args).getBytes(StandardCharsets.US_ASCII);
            case 1 -> Bodies.json(args);
            default -> Bodies.multipart(args);
        };
        for (Bodies.Mutation m : mutations) {
            body = m.apply(body);
        }
        String type = switch (encoding) {
            case 0 -> "application/x-www-form-urlencoded";
            case 1 -> "application/json";
            default -> Bodies.multipartType();
        };
        assertRefusedOrRead(server.post(null, type, body));
    }

    @Property(tries = 1000, seed = "20261124")
    void brokenQueriesAreReadOrRefused(@ForAll("smallArgs") Map<String, String> args,
                                       @ForAll("queryDamage") String damage, @ForAll @IntRange(max = 100) int percent) {
        String query = Bodies.form(args);
        int at = query.length() * percent / 100;
        assertRefusedOrRead(server.get(query.substring(0, at) + damage + query.substring(at)));
    }

    @Property(tries = 200, seed = "20261124")
    void jsonNestingIsReadUpToItsLimit(@ForAll @IntRange(min = 1, max = 400) int depth, @ForAll boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String json = "{\"deep\":" + open.repeat(depth - 1) + "1" + close.repeat(depth - 1) + "}";
        ParserServer.Answer answer = server.post(null, "application/json", json.getBytes(StandardCharsets.UTF_8));
        if (depth <= ApiRequestParser.MAX_JSON_DEPTH) {
            assertThat(answer.ok()).as(answer.body().toString()).isTrue();
        } else {
            assertThat(answer.error()).isEqualTo("invalid_json");
        }
    }

    @Property(tries = 200, seed = "20261124")
    void jsonNumbersKeepTheirTextOrAreRefusedWhenHuge(@ForAll @IntRange(min = 1, max = 3000) int digits,
                                                      @ForAll @IntRange(max = 3) int shape) {
        String number = switch (shape) {
            case 0 -> "9".repeat(digits);
            case 1 -> "-" + "1".repeat(digits) + ".5";
            case 2 -> "1." + "0".repeat(digits);
            default -> "1e" + "9".repeat(Math.min(digits, 9));
        };
        ParserServer.Answer answer = server.post(null, "application/json",
                ("{\"n\":" + number + "}").getBytes(StandardCharsets.UTF_8));
        assertRefusedOrRead(answer);
        if (shape < 3 && number.length() <= 1000) {
            assertThat(answer.args().path("n").asString()).isEqualTo(number);
        }
        if (number.length() > 1100) {
            assertThat(answer.error()).isEqualTo("invalid_json");
        }
    }

    @Provide
    Arbitrary<Map<String, String>> args() {
        return Bodies.args();
    }

    @Provide
    Arbitrary<Map<String, String>> smallArgs() {
        return Bodies.smallArgs();
    }

    @Provide
    Arbitrary<List<Bodies.Mutation>> mutations() {
        return Bodies.mutations();
    }

    @Provide
    Arbitrary<String> queryDamage() {
        return Arbitraries.of("%", "%z", "%zz", "%ff", "%c3", "%c3%28", "%ed%a0%80", "=", "&", "&=", "=&", "%5B%5D", "a%5B0%5D=1",
                "a-b=1", "%00", "+", "%2", "%e2%82", "%f0%9f%98");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(
                Arbitraries.of("application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data",
                        Bodies.multipartType(), "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
                        "application/json; charset=utf-16", "application/json; charset=iso-8859-1",
                        "application/x-www-form-urlencoded; charset=nope", "application/x-www-form-urlencoded; charset=",
                        "application/xml", "text/html", "image/png", "*/*", ";", "a/b/c", "multipart/mixed; boundary=x",
                        "application/json;;;charset=utf-8", "APPLICATION/JSON", " application/json "),
                Arbitraries.strings().ofMaxLength(60).filter(s -> s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)));
    }
}
