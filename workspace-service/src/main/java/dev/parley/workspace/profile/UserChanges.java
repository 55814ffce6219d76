package dev.parley.workspace.profile;

import dev.parley.common.event.WorkspaceEvents;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tells every socket of a workspace about its people, as Slack does: {@code team_join} for a new account,
 * {@code user_change} for a changed profile, each with the whole user object. Call after the change committed.
 */
@Component
public class UserChanges {

    private final WorkspaceEvents events;

    UserChanges(WorkspaceEvents events) {
        this.events = events;
    }

    public void joined(String workspaceId, Map<String, Object> user) {
        send(workspaceId, "team_join", user);
    }

    public void changed(String workspaceId, Map<String, Object> user) {
        send(workspaceId, "user_change", user);
    }

    private void send(String workspaceId, String type, Map<String, Object> user) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("user", user);
        event.put("cache_ts", System.currentTimeMillis() / 1000);
        event.put("event_ts", Ts.format(Ts.nowMicros()));
        events.deliver(workspaceId, SlackJson.write(event));
    }
}
