package dev.parley.channel.client;

import dev.parley.common.api.SlackApiException;

/**
 * A user's view of one channel. {@code visible} is false both for a channel that does not exist and for a private
 * channel the user is not in, so callers can never tell the two apart.
 */
public record ChannelAccess(boolean visible, String type, boolean archived, boolean member) {

    public static ChannelAccess invisible() {
        return new ChannelAccess(false, null, false, false);
    }

    /** For reading: the channel must be visible. */
    public ChannelAccess requireReadable() {
        if (!visible) {
            throw new SlackApiException("channel_not_found");
        }
        return this;
    }

    /** For posting: visible, a member, and not archived, with Slack's error for each. */
    public ChannelAccess requirePostable() {
        requireReadable();
        if (archived) {
            throw new SlackApiException("is_archived");
        }
        if (!member) {
            throw new SlackApiException("not_in_channel");
        }
        return this;
    }
}
