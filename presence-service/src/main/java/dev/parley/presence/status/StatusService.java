package dev.parley.presence.status;

import dev.parley.common.api.SlackApiException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Custom status, the part of a user's profile kept beside presence: validated as Slack does, stored as a whole, read
 * back empty once it has lapsed. The workspace service serves {@code users.profile.*} and asks for it here.
 */
@Service
public class StatusService {

    public static final String TEXT = "status_text";
    public static final String EMOJI = "status_emoji";
    public static final String EXPIRATION = "status_expiration";
    static final int MAX_TEXT = 100;
    // Slack's emoji names, optionally with a skin tone: ":thumbsup::skin-tone-2:".
    private static final Pattern EMOJI_SYNTAX = Pattern.compile(":[a-z0-9_+'-]{1,100}:(:skin-tone-[2-6]:)?");

    private final StatusRepository statuses;

    StatusService(StatusRepository statuses) {
        this.statuses = statuses;
    }

    /** The status others see now: empty when none was set or it has lapsed. */
    public CustomStatus status(String workspaceId, String userId) {
        return statuses.find(workspaceId, userId).orElse(CustomStatus.NONE).shownAt(nowSeconds());
    }

    /**
     * Changes the given status fields (text, emoji, expiration as text) and keeps the others; every field is checked
     * before anything is stored.
     */
    public CustomStatus update(String workspaceId, String userId, Map<String, String> fields) {
        String text = fields.get(TEXT);
        if (text != null && text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw new SlackApiException("too_long");
        }
        String emoji = fields.get(EMOJI);
        if (emoji != null && !emoji.isEmpty() && !EMOJI_SYNTAX.matcher(emoji).matches()) {
            throw new SlackApiException("profile_status_set_failed_not_emoji_syntax");
        }
        Long expiration = fields.containsKey(EXPIRATION) ? expiration(fields.get(EXPIRATION)) : null;
        if (text == null && emoji == null && expiration == null) {
            return status(workspaceId, userId);
        }
        long now = nowSeconds();
        CustomStatus current = statuses.find(workspaceId, userId).orElse(CustomStatus.NONE).shownAt(now);
        CustomStatus updated = new CustomStatus(
                text != null ? text : current.text(),
                emoji != null ? emoji : current.emoji(),
                expiration != null ? expiration : current.expiration());
        statuses.save(workspaceId, userId, updated, now);
        return updated.shownAt(now);
    }

    private static long expiration(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below, like a negative time
        }
        throw new SlackApiException("invalid_profile");
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
