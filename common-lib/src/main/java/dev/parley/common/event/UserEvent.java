package dev.parley.common.event;

/**
 * One message of a user's stream: events meant for one user's sockets only (read markers, ephemeral messages, presence)
 * and orders to their sockets (revocation). Unsequenced and at most once: nothing here is needed to stay consistent.
 */
public record UserEvent(String workspaceId, String userId, Kind kind, String payload) {

    /** What a gateway does with it. */
    public enum Kind {
        /** Send {@code payload}, a Slack-shaped event, to every socket of the user. */
        DELIVER,
        /** Close every socket of the user at once: the user was deactivated or their tokens revoked. */
        REVOKE
    }

    public static UserEvent deliver(String workspaceId, String userId, String payload) {
        return new UserEvent(workspaceId, userId, Kind.DELIVER, payload);
    }

    public static UserEvent revoke(String workspaceId, String userId) {
        return new UserEvent(workspaceId, userId, Kind.REVOKE, null);
    }
}
