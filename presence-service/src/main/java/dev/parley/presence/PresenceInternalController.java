package dev.parley.presence;

import dev.parley.common.api.SlackApiException;
import dev.parley.presence.client.PresenceClient;
import dev.parley.presence.online.PresenceService;
import dev.parley.presence.status.CustomStatus;
import dev.parley.presence.status.StatusService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.RestController;

/**
 * The presence service's side of {@link PresenceClient}: the bean co-located callers use (gateways' heartbeats, the
 * workspace service's profiles), and its HTTP endpoint.
 */
@RestController
class PresenceInternalController implements PresenceClient {

    private final PresenceService presence;
    private final StatusService statuses;

    PresenceInternalController(PresenceService presence, StatusService statuses) {
        this.presence = presence;
        this.statuses = statuses;
    }

    @Override
    public Statuses statuses(StatusQuery query) {
        Map<String, Status> found = new LinkedHashMap<>();
        for (String userId : query.userIds() == null ? java.util.List.<String>of() : query.userIds()) {
            found.put(userId, status(statuses.status(query.workspaceId(), userId)));
        }
        return new Statuses(found);
    }

    @Override
    public StatusResult setStatus(StatusUpdate update) {
        try {
            CustomStatus set = statuses.update(update.workspaceId(), update.userId(),
                    update.fields() == null ? Map.of() : update.fields());
            return new StatusResult(true, null, status(set));
        } catch (SlackApiException e) {
            return new StatusResult(false, e.error(), null);
        }
    }

    private static Status status(CustomStatus s) {
        return new Status(s.text(), s.emoji(), s.expiration());
    }

    @Override
    public void heartbeat(Heartbeats beats) {
        presence.heartbeat(beats);
    }

    @Override
    public void disconnected(Disconnect d) {
        presence.disconnected(d);
    }
}
