package dev.parley.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each way a request's arguments can be unreadable, and the Slack error it gets, over a real Tomcat. */
class ApiRequestParserTest {

    private static ParserServer server;

    @BeforeAll
    static void start() {
        server = new ParserServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String error(String contentType, String body) {
        return server.post(null, contentType, body.getBytes(StandardCharsets.ISO_8859_1)).error();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            multipart/form-data                              | abc                                                            | invalid_form_data
            multipart/form-data; boundary=xyz                | abc                                                            | invalid_form_data
            multipart/form-data; boundary=xyz                | --xyz\\r\\nContent-Disposition: form-data; name="a"\\r\\n\\r\\nhello | invalid_form_data
            multipart/form-data; boundary=xyz                | --xyz\\r\\n\\r\\nhello\\r\\n--xyz--\\r\\n                     | invalid_form_data
            multipart/form-data; boundary=xyz                | --xyz\\r\\nContent-Disposition: form-data; name="a"\\r\\n\\r\\n\\u00ff\\r\\n--xyz--\\r\\n | invalid_form_data
            multipart/form-data; boundary=xyz                | --xyz\\r\\nContent-Disposition: form-data; name="a[]"\\r\\n\\r\\nx\\r\\n--xyz--\\r\\n | invalid_array_arg
            application/json                                 | {"a":                                                          | invalid_json
            application/json                                 | [1,2]                                                          | json_not_object
            application/json                                 | "text"                                                         | json_not_object
            application/json                                 | {"a":1,"a":2}                                                  | invalid_json
            application/json                                 | {"a":"\\u00ff"}                                                | invalid_json
            application/json                                 | {"a b":1}                                                      | invalid_arg_name
            application/json; charset=utf-16                 | {}                                                             | invalid_charset
            application/x-www-form-urlencoded                | a=%zz                                                          | invalid_form_data
            application/x-www-form-urlencoded                | a=%2                                                           | invalid_form_data
            application/x-www-form-urlencoded                | a=%ff%fe                                                       | invalid_form_data
            application/x-www-form-urlencoded                | a=\\u00ff                                                       | invalid_form_data
            application/x-www-form-urlencoded                | a[0]=1                                                         | invalid_array_arg
            application/x-www-form-urlencoded                | a.b=1                                                          | invalid_arg_name
            application/x-www-form-urlencoded                | =1                                                             | invalid_arg_name
            application/x-www-form-urlencoded; charset=nope  | a=1                                                            | invalid_charset
            application/xml                                  | <a/>                                                           | invalid_post_type
            ;;;==                                            | a=1                                                            | invalid_post_type
            """)
    void unreadableBodiesGetSlacksErrors(String contentType, String body, String error) {
        String raw = body.replace("\\r", "\r").replace("\\n", "\n").replace("\\u00ff", "\u00ff");
        assertThat(error(contentType, raw)).isEqualTo(error);
    }

    @Test
    void aBodyWithoutContentTypeIsMissingPostType() {
        assertThat(error(null, "a=1")).isEqualTo("missing_post_type");
        assertThat(server.post(null, null, new byte[0]).ok()).isTrue();
    }

    @Test
    void aContentTypeWithoutABodyIsNotChecked() {
        assertThat(server.post("a=1", "multipart/form-data; charset=klingon", new byte[0]).args().path("a").asString())
                .isEqualTo("1");
        assertThat(server.post("a=1", "application/xml", new byte[0]).ok()).isTrue();
    }

    @Test
    void badQueriesAreInvalidFormData() {
        assertThat(server.get("a=%zz").error()).isEqualTo("invalid_form_data");
        assertThat(server.get("a=%ff").error()).isEqualTo("invalid_form_data");
        assertThat(server.get("a=%C3%A9&b=x+y").args().toString()).isEqualTo("{\"a\":\"é\",\"b\":\"x y\"}");
    }

    @Test
    void textPlainAndLatin1AreRead() {
        assertThat(server.post(null, "text/plain", "a=1".getBytes(StandardCharsets.US_ASCII)).args().path("a").asString())
                .isEqualTo("1");
        assertThat(server.post(null, "application/x-www-form-urlencoded; charset=ISO-8859-1",
                "a=%E9".getBytes(StandardCharsets.US_ASCII)).args().path("a").asString()).isEqualTo("é");
        assertThat(server.post(null, "application/json; charset=iso-8859-1",
                "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)).args().path("a").asString()).isEqualTo("é");
    }

    @Test
    void theFirstOfARepeatedFormArgumentWinsAndTheQueryBeforeTheBody() {
        ParserServer.Answer answer = server.post("a=query", "application/x-www-form-urlencoded",
                "a=body&b=1&b=2".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.args().toString()).isEqualTo("{\"a\":\"query\",\"b\":\"1\"}");
    }

    @Test
    void jsonNumbersKeepTheTextTheyWereSentAs() {
        ParserServer.Answer answer = server.post(null, "application/json",
                "{\"ts\":1795463065.488100,\"n\":12,\"big\":1e999999,\"b\":true}".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.args().toString())
                .isEqualTo("{\"ts\":\"1795463065.488100\",\"n\":\"12\",\"big\":\"1E+999999\",\"b\":\"true\"}");
    }

    @Test
    void bodiesUpToTheLimitAreReadAndLargerOnesRefused() {
        String fits = "x".repeat(ApiRequestParser.MAX_BODY_BYTES - 100);
        String over = "x".repeat(ApiRequestParser.MAX_BODY_BYTES + 1);
        for (String value : new String[] {fits, over}) {
            java.util.Map<String, String> args = java.util.Map.of("text", value);
            ParserServer.Answer form = server.post(null, "application/x-www-form-urlencoded",
                    Bodies.form(args).getBytes(StandardCharsets.US_ASCII));
            ParserServer.Answer json = server.post(null, "application/json", Bodies.json(args));
            ParserServer.Answer multipart = server.post(null, Bodies.multipartType(), Bodies.multipart(args));
            for (ParserServer.Answer answer : new ParserServer.Answer[] {form, json, multipart}) {
                if (value == fits) {
                    assertThat(answer.args().path("text").asString().length()).isEqualTo(fits.length());
                } else {
                    assertThat(answer.error()).isEqualTo("request_too_large");
                }
            }
        }
    }

    @Test
    void multipartFilePartsAreFilesNotStringArguments() {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u00ff\u00fe\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"channels\"\r\n\r\nC1\r\n--xyz--\r\n";
        ParserServer.Answer answer = server.post(null, "multipart/form-data; boundary=xyz",
                body.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer.args().path("channels").asString()).isEqualTo("C1");
        assertThat(answer.args().path("file").path("filename").asString()).isEqualTo("a.txt");
        assertThat(answer.args().path("file").path("size").asInt()).isEqualTo(2);
    }
}
