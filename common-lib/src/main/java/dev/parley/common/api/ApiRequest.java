package dev.parley.common.api;

import dev.parley.common.auth.Caller;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed Web API call: its method name, its arguments (form fields, query parameters or JSON members),
 * the authenticated caller, when there is one, and the client it came from.
 */
public record ApiRequest(String method, Map<String, Object> params, Caller caller, Client client) {

    /** Where a call came from: the client's address and its User-Agent, as far as they are known (audit records). */
    public record Client(String ipAddress, String userAgent) {

        public static final Client UNKNOWN = new Client("", "");

        public Client {
            ipAddress = ipAddress == null ? "" : ipAddress;
            userAgent = userAgent == null ? "" : userAgent;
        }
    }

    public ApiRequest {
        client = client == null ? Client.UNKNOWN : client;
    }

    public ApiRequest(String method, Map<String, Object> params, Caller caller) {
        this(method, params, caller, Client.UNKNOWN);
    }

    /** The authenticated caller; handlers of authenticated methods always have one. */
    public Caller requireCaller() {
        if (caller == null) {
            throw new SlackApiException("not_authed");
        }
        return caller;
    }

    /** A file sent as a multipart part under {@code name}, if one was. */
    public Optional<UploadedFile> file(String name) {
        return params.get(name) instanceof UploadedFile f ? Optional.of(f) : Optional.empty();
    }

    /** A string argument, blank treated as absent. JSON numbers and booleans are given as their text. */
    public Optional<String> string(String name) {
        Object value = params.get(name);
        if (value == null || value instanceof UploadedFile) {
            return Optional.empty();
        }
        String text = value instanceof String s ? s : String.valueOf(value);
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A required string argument; its absence is reported with the given Slack error code. */
    public String require(String name, String errorWhenMissing) {
        return string(name).orElseThrow(() -> new SlackApiException(errorWhenMissing));
    }

    /** A required string argument; absence is {@code invalid_arguments}. */
    public String require(String name) {
        return require(name, "invalid_arguments");
    }

    public boolean bool(String name) {
        return string(name).map(v -> v.equals("true") || v.equals("1")).orElse(false);
    }

    /** An integer argument; a value that is not a number is {@code invalid_arguments}. */
    public Optional<Integer> integer(String name) {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.get().trim()));
        } catch (NumberFormatException e) {
            throw new SlackApiException("invalid_arguments");
        }
    }

    /** Slack's page size rule: absent or zero means the method's default, otherwise clamped to [1, max]. */
    public int limit(int defaultLimit, int max) {
        int requested = integer("limit").orElse(0);
        if (requested <= 0) {
            return defaultLimit;
        }
        return Math.min(requested, max);
    }
}
