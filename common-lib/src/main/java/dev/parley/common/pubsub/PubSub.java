package dev.parley.common.pubsub;

import java.util.function.Consumer;

/** Fire-and-forget broadcast between processes (gateways): at most once, no history. */
public interface PubSub {

    void publish(String topic, String message);

    /** Delivers every message published on the topic from now on until the subscription is closed. */
    Subscription subscribe(String topic, Consumer<String> listener);

    /** A live subscription to one topic. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
