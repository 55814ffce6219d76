package dev.parley.common.pubsub.inprocess;

import dev.parley.common.pubsub.PubSub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pub/sub inside one process: a publish calls the topic's listeners on the publishing thread. */
public class InProcessPubSub implements PubSub {

    private static final Logger log = LoggerFactory.getLogger(InProcessPubSub.class);

    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, String message) {
        for (Consumer<String> listener : listeners.getOrDefault(topic, List.of())) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                log.warn("A listener of {} failed: {}", topic, e.toString());
            }
        }
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(topic, (t, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }
}
