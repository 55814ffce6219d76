package dev.parley.presence;

import dev.parley.presence.client.PresenceClient;
import dev.parley.presence.online.PresenceService;
import org.springframework.web.bind.annotation.RestController;

/** The presence service's side of {@link PresenceClient}: the bean co-located gateways use, and its HTTP endpoint. */
@RestController
class PresenceInternalController implements PresenceClient {

    private final PresenceService presence;

    PresenceInternalController(PresenceService presence) {
        this.presence = presence;
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
