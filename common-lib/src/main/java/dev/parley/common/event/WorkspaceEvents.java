package dev.parley.common.event;

import dev.parley.common.pubsub.PubSub;

/**
 * Sends live events meant for every socket of a workspace ({@code user_change}, {@code team_join}) on the
 * workspace's own pub/sub topic, which every gateway holding a socket of that workspace follows. Unsequenced and at
 * most once, like the user stream: a client that missed one reads the current state with {@code users.info}.
 */
public class WorkspaceEvents {

    private final PubSub pubSub;

    public WorkspaceEvents(PubSub pubSub) {
        this.pubSub = pubSub;
    }

    /** The topic a gateway follows while it holds a socket of the workspace. */
    public static String topic(String workspaceId) {
        return "workspace." + workspaceId;
    }

    /** Sends a Slack-shaped event to every socket of the workspace; call it after the change has committed. */
    public void deliver(String workspaceId, String payload) {
        pubSub.publish(topic(workspaceId), payload);
    }
}
