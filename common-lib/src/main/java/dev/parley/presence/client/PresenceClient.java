package dev.parley.presence.client;

import java.util.List;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** What gateways tell the presence service about the sockets they hold. In-process bean when co-located, HTTP otherwise. */
@HttpExchange("/internal/presence")
public interface PresenceClient {

    /**
     * The pub/sub topic where the presence service publishes each change of a workspace user's presence, as
     * {@code {"type":"presence_change","user":"U…","presence":"active"|"away"}}.
     */
    static String topic(String workspaceId) {
        return "presence." + workspaceId;
    }

    /** The sockets one gateway holds, reported every ~20 s and when a user's first socket opens there. */
    @PostExchange("/heartbeat")
    void heartbeat(@RequestBody Heartbeats beats);

    /** A user's last socket on that gateway closed. */
    @PostExchange("/disconnected")
    void disconnected(@RequestBody Disconnect d);

    /** The custom status of each user named (empty for none or a lapsed one): the status part of a profile. */
    @PostExchange("/statuses")
    Statuses statuses(@RequestBody StatusQuery query);

    /**
     * Changes the status fields given ({@code status_text}, {@code status_emoji}, {@code status_expiration}) and
     * keeps the others; a field Slack would refuse comes back as its error code, and nothing changes.
     */
    @PostExchange("/status")
    StatusResult setStatus(@RequestBody StatusUpdate update);

    record StatusQuery(String workspaceId, List<String> userIds) {
    }

    /** Text, emoji in {@code :name:} form, and when it lapses (epoch seconds, 0 for never). */
    record Status(String text, String emoji, long expiration) {
        public static final Status NONE = new Status("", "", 0);
    }

    record Statuses(java.util.Map<String, Status> statuses) {
    }

    record StatusUpdate(String workspaceId, String userId, java.util.Map<String, String> fields) {
    }

    record StatusResult(boolean ok, String error, Status status) {
    }

    /** One gateway's report: every user it holds sockets of. */
    record Heartbeats(String gatewayId, List<Beat> beats) {
    }

    /** One user on that gateway: how many sockets, and the epoch millis of their latest client activity. */
    record Beat(String workspaceId, String userId, int connections, long lastActivityMillis) {
    }

    /** The user who closed their last socket on that gateway. */
    record Disconnect(String gatewayId, String workspaceId, String userId) {
    }
}
