package dev.parley.common.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Web API call's arguments the ways Slack accepts them: query string, form body ({@code text/plain} too),
 * multipart form fields or a JSON object body, and refuses what cannot be read with Slack's code for it:
 * {@code invalid_form_data}, {@code invalid_json}, {@code json_not_object}, {@code invalid_charset},
 * {@code invalid_post_type}, {@code missing_post_type}, {@code invalid_arg_name}, {@code invalid_array_arg},
 * {@code request_too_large}, or {@code request_timeout} for a body that ended early.
 */
final class ApiRequestParser {

    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** Deeper JSON than any Slack argument (blocks included) needs is refused before a handler walks it. */
    static final int MAX_JSON_DEPTH = 64;
    static final int MAX_ARG_NAME_LENGTH = 100;

    private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern ARRAY_ARG = Pattern.compile("[^\\[\\]]*\\[[^\\[\\]]*].*");
    private static final Set<Charset> CHARSETS = Set.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
            StandardCharsets.US_ASCII);

    // Floats as BigDecimal with their zeros: a JSON number argument (a ts, say) keeps the text it was sent as.
    private static final ObjectReader JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build()
            .reader();

    private ApiRequestParser() {
    }

    /** The kinds of body Slack takes, and the charset its text is in. */
    private enum Kind { FORM, JSON, MULTIPART }

    private record BodyType(Kind kind, Charset charset) {
    }

    static Map<String, Object> parse(HttpServletRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            decodeForm(queryBytes(query), StandardCharsets.UTF_8, params);
        }
        String header = request.getContentType();
        if (header != null && isMultipart(header)) {
            // A body that is not there has no type to check, as for the other kinds below.
            if (hasBody(request)) {
                readMultipart(request, bodyType(header), params);
            }
            return params;
        }
        byte[] body = readBody(request);
        if (body.length == 0) {
            return params;
        }
        BodyType type = bodyType(header);
        switch (type.kind()) {
            case JSON -> readJson(body, type.charset(), params);
            case FORM -> decodeForm(body, type.charset(), params);
            case MULTIPART -> throw new IllegalStateException("multipart is read above");
        }
        return params;
    }

    /**
     * What a forwarding process checks before passing a call on: the query, and the Content-Type and charset of a
     * body (the owning service reads the body itself), so the owning service gets only calls it can read too.
     */
    static void checkEnvelope(HttpServletRequest request, byte[] body) {
        String query = request.getQueryString();
        if (query != null) {
            decodeForm(queryBytes(query), StandardCharsets.UTF_8, new LinkedHashMap<>());
        }
        if (body.length > 0) {
            bodyType(request.getContentType());
        }
    }

    /** The raw body, at most {@link #MAX_BODY_BYTES}. */
    static byte[] readBody(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new SlackApiException("request_too_large");
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    throw new SlackApiException("request_too_large");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            // The client stopped sending (or went away) before the body was complete.
            throw new SlackApiException("request_timeout");
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length > 0 || length < 0 && request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean isMultipart(String header) {
        return header.stripLeading().regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
    }

    private static BodyType bodyType(String header) {
        if (header == null || header.isBlank()) {
            throw new SlackApiException("missing_post_type");
        }
        String[] parts = header.split(";", -1);
        Kind kind = switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
            case "application/x-www-form-urlencoded", "text/plain" -> Kind.FORM;
            case "application/json" -> Kind.JSON;
            case "multipart/form-data" -> Kind.MULTIPART;
            default -> throw new SlackApiException("invalid_post_type");
        };
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).strip().equalsIgnoreCase("charset") && charset == null) {
                charset = parts[i].substring(eq + 1).strip();
            }
        }
        return new BodyType(kind, charset(charset));
    }

    /** Slack reads UTF-8 and ISO-8859-1 (US-ASCII being a part of both); any other charset is refused. */
    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        String unquoted = name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1) : name;
        try {
            Charset charset = Charset.forName(unquoted.strip());
            if (CHARSETS.contains(charset)) {
                return charset;
            }
        } catch (IllegalArgumentException e) {
            // Unknown or malformed name: refused below like an unsupported one.
        }
        throw new SlackApiException("invalid_charset");
    }

    private static void readMultipart(HttpServletRequest request, BodyType type, Map<String, Object> params) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new SlackApiException("request_too_large");
        }
        Collection<Part> parts;
        try {
            parts = request.getParts();
        } catch (IOException | ServletException | RuntimeException e) {
            throw new SlackApiException(multipartFailure(e));
        }
        if (parts.isEmpty()) {
            // A body without a single part is no form: Tomcat found no boundary in it, or nothing after one.
            throw new SlackApiException("invalid_form_data");
        }
        try {
            for (Part part : parts) {
                if (part.getSubmittedFileName() != null) {
                    // A file (files.upload's "file"): its bytes, within the body's limit, for the method to take.
                    if (part.getName() != null && ARG_NAME.matcher(part.getName()).matches()) {
                        try (InputStream in = part.getInputStream()) {
                            params.putIfAbsent(part.getName(), new UploadedFile(part.getSubmittedFileName(),
                                    part.getContentType(), in.readAllBytes()));
                        }
                    }
                    continue;
                }
                String name = part.getName();
                if (name == null) {
                    throw new SlackApiException("invalid_form_data");
                }
                checkName(name);
                Charset charset = part.getContentType() == null ? type.charset() : partCharset(part.getContentType(), type);
                String value;
                try (InputStream in = part.getInputStream()) {
                    value = decode(in.readAllBytes(), charset, "invalid_form_data");
                }
                params.putIfAbsent(name, value);
            }
        } catch (IOException e) {
            throw new SlackApiException("invalid_form_data");
        }
    }

    private static Charset partCharset(String header, BodyType request) {
        for (String parameter : header.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                return charset(parameter.substring(eq + 1).strip());
            }
        }
        return request.charset();
    }

    /** Tomcat reports every multipart failure as some exception; which one says whose fault it was. */
    private static String multipartFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SizeException || t instanceof FileCountLimitExceededException) {
                return "request_too_large";
            }
            if (t instanceof EOFException) {
                return "request_timeout";
            }
        }
        return "invalid_form_data";
    }

    private static void readJson(byte[] body, Charset charset, Map<String, Object> params) {
        JsonNode root;
        try {
            root = charset.equals(StandardCharsets.UTF_8) ? JSON.readTree(body) : JSON.readTree(new String(body, charset));
        } catch (JacksonException e) {
            throw new SlackApiException("invalid_json");
        }
        if (root == null || root.isMissingNode()) {
            throw new SlackApiException("invalid_json");
        }
        if (!root.isObject()) {
            throw new SlackApiException("json_not_object");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            checkName(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            // Scalars become their text, like form fields; arrays and objects keep their JSON (blocks, attachments).
            params.put(field.getKey(), value.isValueNode() ? value.asString() : value);
        }
    }

    /** The query as the bytes the client sent (Tomcat hands it over undecoded, one char per byte for raw octets). */
    private static byte[] queryBytes(String query) {
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) > 0xFF) {
                return query.getBytes(StandardCharsets.UTF_8);
            }
        }
        return query.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code a=1&b=2}, percent-decoded byte by byte and then read strictly in the charset; the first of a name wins. */
    private static void decodeForm(byte[] form, Charset charset, Map<String, Object> params) {
        int start = 0;
        while (start <= form.length) {
            int end = indexOf(form, (byte) '&', start);
            if (end > start) {
                int eq = indexOf(form, (byte) '=', start);
                boolean hasValue = eq >= 0 && eq < end;
                String name = decode(percentDecode(form, start, hasValue ? eq : end), charset, "invalid_form_data");
                String value = hasValue ? decode(percentDecode(form, eq + 1, end), charset, "invalid_form_data") : "";
                checkName(name);
                params.putIfAbsent(name, value);
            }
            start = end + 1;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    private static byte[] percentDecode(byte[] form, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = form[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new SlackApiException("invalid_form_data");
                }
                int high = Character.digit(form[i + 1], 16);
                int low = Character.digit(form[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw new SlackApiException("invalid_form_data");
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Bytes to text in the charset, refusing malformed sequences instead of replacing them. */
    private static String decode(byte[] bytes, Charset charset, String error) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SlackApiException(error);
        }
    }

    /** Slack's rule for argument names: letters, digits and underscores, not too long, never PHP-style arrays. */
    private static void checkName(String name) {
        if (ARRAY_ARG.matcher(name).matches()) {
            throw new SlackApiException("invalid_array_arg");
        }
        if (name.length() > MAX_ARG_NAME_LENGTH || !ARG_NAME.matcher(name).matches()) {
            throw new SlackApiException("invalid_arg_name");
        }
    }
}
