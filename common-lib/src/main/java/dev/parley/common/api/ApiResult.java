package dev.parley.common.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a successful Web API answer, in order; the dispatcher puts {@code "ok":true} first. */
public final class ApiResult {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ApiResult() {
    }

    public static ApiResult ok() {
        return new ApiResult();
    }

    public static ApiResult of(String key, Object value) {
        return new ApiResult().with(key, value);
    }

    public ApiResult with(String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    /** Adds Slack's pagination block; an empty cursor means the last page, as Slack sends it. */
    public ApiResult nextCursor(String cursor) {
        fields.put("response_metadata", Map.of("next_cursor", cursor == null ? "" : cursor));
        return this;
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
