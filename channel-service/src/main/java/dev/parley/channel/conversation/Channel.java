package dev.parley.channel.conversation;

/** A conversation: public channel, private channel, DM (im) or group DM (mpim). */
public record Channel(String workspaceId, String id, String name, String type, String creator, long createdAt,
                      boolean archived, Topic topic, Topic purpose) {

    public static final String PUBLIC = "channel";
    public static final String PRIVATE = "group";
    public static final String IM = "im";
    public static final String MPIM = "mpim";

    /** A topic or purpose: its text, who set it and when (epoch seconds). */
    public record Topic(String value, String creator, long lastSet) {
        public static final Topic NONE = new Topic("", "", 0);
    }

    public boolean isPrivate() {
        return !PUBLIC.equals(type);
    }

    public boolean isDirect() {
        return IM.equals(type) || MPIM.equals(type);
    }

    /** Slack's one-letter channel type in events: C for public channels, G for private ones, D for DMs. */
    public String eventChannelType() {
        return switch (type) {
            case PUBLIC -> "C";
            case IM -> "D";
            default -> "G";
        };
    }

    /** The Web API type name used by {@code types=} filters. */
    public String apiType() {
        return switch (type) {
            case PUBLIC -> "public_channel";
            case PRIVATE -> "private_channel";
            default -> type;
        };
    }

    Channel withType(String newType) {
        return new Channel(workspaceId, id, name, newType, creator, createdAt, archived, topic, purpose);
    }

    Channel withName(String newName) {
        return new Channel(workspaceId, id, newName, type, creator, createdAt, archived, topic, purpose);
    }
}
