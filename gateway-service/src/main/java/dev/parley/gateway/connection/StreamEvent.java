package dev.parley.gateway.connection;

import dev.parley.common.event.ChannelEvent;
import java.nio.charset.StandardCharsets;

/**
 * A channel event as a gateway delivers it: the client's frame, with the event's {@code seq} added, encoded once
 * and shared by every socket it goes to.
 */
record StreamEvent(ChannelEvent event, byte[] frame) {

    static StreamEvent of(ChannelEvent event) {
        return new StreamEvent(event, withSeq(event.payload(), event.seq()));
    }

    String channelId() {
        return event.channelId();
    }

    long seq() {
        return event.seq();
    }

    /** Whether this user's sockets may see it: every follower, unless the event names its few recipients. */
    boolean visibleTo(String userId) {
        ChannelEvent.Routing routing = event.routing();
        return routing.audience() != ChannelEvent.Audience.USERS || routing.users().contains(userId);
    }

    boolean leaves(String userId) {
        return event.routing().left().contains(userId);
    }

    /** Adds {@code "seq":n} as the payload object's last field (payloads are objects written by SlackJson). */
    static byte[] withSeq(String payload, long seq) {
        String json = payload.strip();
        if (seq <= 0 || !json.endsWith("}")) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        String body = json.substring(0, json.length() - 1);
        String separator = body.strip().equals("{") ? "" : ",";
        return (body + separator + "\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }
}
