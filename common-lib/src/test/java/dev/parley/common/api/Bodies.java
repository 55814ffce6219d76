package dev.parley.common.api;

import dev.parley.common.json.SlackJson;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Web API bodies the way clients encode them, and the hostile values fuzz tests put in them. */
final class Bodies {

    /** Every code the parser may refuse a request with. */
    static final Set<String> PARSE_ERRORS = Set.of("invalid_form_data", "invalid_json", "json_not_object",
            "invalid_charset", "invalid_post_type", "missing_post_type", "invalid_arg_name", "invalid_array_arg",
            "request_too_large", "request_timeout");

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE channels; --", "\" OR 1=1 --", "1; SELECT SLEEP(10)", "%' AND 1=0 UNION SELECT 1 --",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "javascript:alert(1)",
            "{{7*7}}", "${jndi:ldap://x/a}", "../../etc/passwd", "\u0000", "\r\nSet-Cookie: a=b", "%00", "%zz", "+",
            "&", "=", "\uFEFF", "\u202Etxt.exe", "😀👩‍👩‍👧", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "null", "true", "[]", "{}", "-0", "1e999",
            "99999999999999999999999999999999", "NaN", " ", "\t\n", "C0123", "U0123", "1795463065.488164");

    private Bodies() {
    }

    /** Text of any Unicode (no lone surrogates, which no encoding can carry), often hostile. */
    static Arbitrary<String> values() {
        Arbitrary<String> any = Arbitraries.strings()
                .withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(200);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, any),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(INJECTIONS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("a%+&=;\"<>'").ofMinLength(1000).ofMaxLength(20_000)));
    }

    /** Argument names as Slack allows them. */
    static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').numeric().withChars('_')
                .ofMinLength(1).ofMaxLength(30);
    }

    static Arbitrary<Map<String, String>> args() {
        return Arbitraries.maps(names(), values()).ofMaxSize(8);
    }

    /** Small arguments, for a query string (the request line has a size limit of its own). */
    static Arbitrary<Map<String, String>> smallArgs() {
        return Arbitraries.maps(names(), Arbitraries.oneOf(Arbitraries.of(INJECTIONS),
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(20))).ofMaxSize(5);
    }

    static String form(Map<String, String> args) {
        return args.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static byte[] json(Map<String, String> args) {
        return SlackJson.writeBytes(args);
    }

    static final String BOUNDARY = "parley-fuzz-7d1b3c9e";

    static String multipartType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    static byte[] multipart(Map<String, String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : args.entrySet()) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(e.getValue().getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A change to a body: bytes cut off at the end, or a byte replaced or inserted somewhere. */
    record Mutation(int kind, double at, byte value) {
        byte[] apply(byte[] body) {
            int i = (int) (at * body.length);
            return switch (kind) {
                case 0 -> java.util.Arrays.copyOf(body, i);
                case 1 -> {
                    byte[] copy = body.clone();
                    if (i < copy.length) {
                        copy[i] = value;
                    }
                    yield copy;
                }
                default -> {
                    byte[] copy = new byte[body.length + 1];
                    System.arraycopy(body, 0, copy, 0, i);
                    copy[i] = value;
                    System.arraycopy(body, i, copy, i + 1, body.length - i);
                    yield copy;
                }
            };
        }
    }

    static Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Byte> bytes = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of((byte) '%', (byte) '&', (byte) '=', (byte) '"', (byte) '{', (byte) '[', (byte) '\\',
                        (byte) '\r', (byte) '\n', (byte) '-', (byte) 0xFF, (byte) 0xC3, (byte) 0x80));
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1), bytes)
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }
}
