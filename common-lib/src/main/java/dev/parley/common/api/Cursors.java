package dev.parley.common.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Slack-style opaque pagination cursors: base64 of {@code "<kind>:<position>"}, e.g. {@code next_ts:1512085861000543}.
 * A cursor that is not one of ours is {@code invalid_cursor}.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(String kind, Object position) {
        return Base64.getEncoder().encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor, String kind) {
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(kind + ":") || decoded.length() == kind.length() + 1) {
                throw new SlackApiException("invalid_cursor");
            }
            return decoded.substring(kind.length() + 1);
        } catch (IllegalArgumentException e) {
            throw new SlackApiException("invalid_cursor");
        }
    }

    public static long decodeLong(String cursor, String kind) {
        try {
            return Long.parseLong(decode(cursor, kind));
        } catch (NumberFormatException e) {
            throw new SlackApiException("invalid_cursor");
        }
    }
}
