package dev.parley.common.event;

import java.util.List;

/**
 * One change in a channel, numbered by the channel's sequence: the unit of the outbox, the event log and live
 * delivery. {@code payload} is the Slack-shaped event JSON a client receives; {@code routing} says who receives it.
 */
public record ChannelEvent(String workspaceId, String channelId, long seq, String type, String payload, Routing routing) {

    public ChannelEvent {
        routing = routing == null ? Routing.MEMBERS : routing;
    }

    /**
     * Who receives an event, and how it changes who follows the channel: {@code joined} users start receiving the
     * channel's events with this one, {@code left} users stop after it.
     */
    public record Routing(Audience audience, List<String> users, List<String> joined, List<String> left) {

        public static final Routing MEMBERS = new Routing(Audience.MEMBERS, List.of(), List.of(), List.of());
        public static final Routing WORKSPACE = new Routing(Audience.WORKSPACE, List.of(), List.of(), List.of());

        public Routing {
            users = users == null ? List.of() : List.copyOf(users);
            joined = joined == null ? List.of() : List.copyOf(joined);
            left = left == null ? List.of() : List.copyOf(left);
        }

        /** Only these users' connections receive the event (ephemeral messages, read markers, DM creation). */
        public static Routing users(List<String> users) {
            return new Routing(Audience.USERS, users, List.of(), List.of());
        }

        public Routing joining(List<String> userIds) {
            return new Routing(audience, users, userIds, left);
        }

        public Routing leaving(List<String> userIds) {
            return new Routing(audience, users, joined, userIds);
        }
    }

    /** The connections an event is meant for. */
    public enum Audience {
        /** Everyone in the channel (after {@code joined} are added, before {@code left} are removed). */
        MEMBERS,
        /** Everyone in the workspace, e.g. a new public channel. */
        WORKSPACE,
        /** Only the listed users. */
        USERS
    }
}
