package dev.parley.common.api;

import dev.parley.common.json.SlackJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Web API call's arguments the ways Slack accepts them: query string, form body, multipart form fields or a
 * JSON object body. A body that cannot be read is {@code invalid_form_data} or {@code invalid_json}.
 */
final class ApiRequestParser {

    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private ApiRequestParser() {
    }

    static Map<String, Object> parse(HttpServletRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            decodeForm(query, params);
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        if (contentType.startsWith("multipart/form-data")) {
            try {
                request.getParameterMap().forEach((k, v) -> params.put(k, v.length == 0 ? "" : v[0]));
            } catch (RuntimeException e) {
                throw new SlackApiException("invalid_form_data");
            }
            return params;
        }
        byte[] body = readBody(request);
        if (body.length == 0) {
            return params;
        }
        if (contentType.startsWith("application/json")) {
            readJson(body, params);
        } else if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.isEmpty()) {
            decodeForm(new String(body, StandardCharsets.UTF_8), params);
        }
        return params;
    }

    private static byte[] readBody(HttpServletRequest request) {
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
            throw new SlackApiException("invalid_form_data");
        }
    }

    private static void readJson(byte[] body, Map<String, Object> params) {
        JsonNode root;
        try {
            root = SlackJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new SlackApiException("invalid_json");
        }
        if (root == null || !root.isObject()) {
            throw new SlackApiException("invalid_json");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            // Scalars become their text, like form fields; arrays and objects keep their JSON (blocks, attachments).
            params.put(field.getKey(), value.isValueNode() ? value.asString() : value);
        }
    }

    private static void decodeForm(String form, Map<String, Object> params) {
        try {
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(key, value);
            }
        } catch (IllegalArgumentException e) {
            throw new SlackApiException("invalid_form_data");
        }
    }
}
