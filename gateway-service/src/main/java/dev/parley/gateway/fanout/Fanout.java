package dev.parley.gateway.fanout;

import dev.parley.common.event.EventLog;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the event log (consumer group {@code fanout}) and broadcasts each channel event on its workspace's pub/sub
 * topic, where every gateway with sockets of that workspace listens.
 */
@Component
public class Fanout implements SmartLifecycle {

    public static final String GROUP = "fanout";

    private final EventLog eventLog;
    private final PubSub pubSub;
    private volatile EventLog.Subscription subscription;

    Fanout(EventLog eventLog, PubSub pubSub) {
        this.eventLog = eventLog;
        this.pubSub = pubSub;
    }

    public static String topic(String workspaceId) {
        return "events." + workspaceId;
    }

    @Override
    public void start() {
        subscription = eventLog.subscribe(GROUP, event -> pubSub.publish(topic(event.workspaceId()), SlackJson.write(event)));
    }

    @Override
    public void stop() {
        EventLog.Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
