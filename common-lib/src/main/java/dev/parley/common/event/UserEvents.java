package dev.parley.common.event;

import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import java.util.Collection;

/**
 * Sends user-stream events on each user's own pub/sub topic. Only gateways holding a socket of that user listen to
 * it, so the pub/sub server's subscription table is the user → gateways registry.
 */
public class UserEvents {

    private final PubSub pubSub;

    public UserEvents(PubSub pubSub) {
        this.pubSub = pubSub;
    }

    /** The topic a gateway follows while it holds a socket of the user. */
    public static String topic(String workspaceId, String userId) {
        return "user." + workspaceId + "." + userId;
    }

    /** Sends a Slack-shaped event to every socket of each user; call it after the change it reports has committed. */
    public void deliver(String workspaceId, Collection<String> userIds, String payload) {
        for (String userId : userIds) {
            send(UserEvent.deliver(workspaceId, userId, payload));
        }
    }

    /** Closes every socket of the user, on every gateway. */
    public void revoke(String workspaceId, String userId) {
        send(UserEvent.revoke(workspaceId, userId));
    }

    private void send(UserEvent event) {
        pubSub.publish(topic(event.workspaceId(), event.userId()), SlackJson.write(event));
    }
}
