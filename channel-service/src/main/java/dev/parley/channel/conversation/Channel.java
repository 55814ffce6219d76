package dev.parley.channel.conversation;

/** A conversation: public channel, private channel, DM (im) or group DM (mpim). */
public record Channel(String workspaceId, String id, String name, String type, String creator, long createdAt,
                      boolean archived, String topic, String purpose) {

    public static final String PUBLIC = "channel";
    public static final String PRIVATE = "group";
    public static final String IM = "im";
    public static final String MPIM = "mpim";

    public boolean isPrivate() {
        return !PUBLIC.equals(type);
    }

    /** Slack's one-letter channel type in events: C for public channels, G for private ones, D for DMs. */
    public String eventChannelType() {
        return switch (type) {
            case PUBLIC -> "C";
            case IM -> "D";
            default -> "G";
        };
    }
}
