package dev.parley.common.api;

import java.util.Map;

/** A Slack Web API error: the {@code error} code of {@code {"ok":false}} and any extra fields Slack sends with it. */
public class SlackApiException extends RuntimeException {

    private final String error;
    private final Map<String, Object> extra;

    public SlackApiException(String error) {
        this(error, Map.of());
    }

    public SlackApiException(String error, Map<String, Object> extra) {
        super(error, null, false, false);
        this.error = error;
        this.extra = extra;
    }

    public String error() {
        return error;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
