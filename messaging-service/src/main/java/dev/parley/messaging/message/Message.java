package dev.parley.messaging.message;

import dev.parley.common.id.Ts;
import java.util.LinkedHashMap;
import java.util.Map;

/** One message in a channel, identified by its ts (epoch microseconds, unique and increasing per channel). */
public record Message(String workspaceId, String channelId, long ts, String userId, String subtype, String text,
                      String clientMsgId) {

    /** The message in Slack's shape, as history and events carry it. */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", "message");
        if (subtype != null) {
            v.put("subtype", subtype);
        }
        v.put("user", userId);
        v.put("text", text);
        v.put("ts", Ts.format(ts));
        v.put("team", workspaceId);
        if (clientMsgId != null) {
            v.put("client_msg_id", clientMsgId);
        }
        return v;
    }
}
