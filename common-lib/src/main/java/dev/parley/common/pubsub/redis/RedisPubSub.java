package dev.parley.common.pubsub.redis;

import dev.parley.common.pubsub.PubSub;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis pub/sub over one shared subscriber connection. A subscribe returns once Redis has confirmed it, so a
 * message published after {@code subscribe} returns is delivered.
 */
public class RedisPubSub implements PubSub, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisPubSub.class);

    private final RedisConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final String prefix;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private RedisConnection subscriber;

    public RedisPubSub(RedisConnectionFactory connections, StringRedisTemplate redis, String prefix) {
        this.connections = connections;
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public void publish(String topic, String message) {
        redis.convertAndSend(prefix + topic, message);
    }

    @Override
    public synchronized Subscription subscribe(String topic, Consumer<String> listener) {
        List<Consumer<String>> topicListeners = listeners.get(topic);
        if (topicListeners == null) {
            topicListeners = new CopyOnWriteArrayList<>();
            listeners.put(topic, topicListeners);
            byte[] channel = (prefix + topic).getBytes(StandardCharsets.UTF_8);
            if (subscriber == null || !subscriber.isSubscribed()) {
                subscriber = connections.getConnection();
                subscriber.subscribe(dispatcher(), channel);
            } else {
                subscriber.getSubscription().subscribe(channel);
            }
        }
        topicListeners.add(listener);
        return () -> unsubscribe(topic, listener);
    }

    private synchronized void unsubscribe(String topic, Consumer<String> listener) {
        List<Consumer<String>> topicListeners = listeners.get(topic);
        if (topicListeners == null || !topicListeners.remove(listener) || !topicListeners.isEmpty()) {
            return;
        }
        listeners.remove(topic);
        if (subscriber != null && subscriber.isSubscribed()) {
            subscriber.getSubscription().unsubscribe((prefix + topic).getBytes(StandardCharsets.UTF_8));
        }
    }

    private MessageListener dispatcher() {
        return (Message message, byte[] pattern) -> {
            String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
            if (!channel.startsWith(prefix)) {
                return;
            }
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            for (Consumer<String> listener : listeners.getOrDefault(channel.substring(prefix.length()), List.of())) {
                try {
                    listener.accept(body);
                } catch (RuntimeException e) {
                    log.warn("A listener of {} failed: {}", channel, e.toString());
                }
            }
        };
    }

    @Override
    public synchronized void close() {
        if (subscriber != null) {
            try {
                subscriber.close();
            } catch (RuntimeException e) {
                log.debug("Closing the subscriber connection: {}", e.toString());
            }
            subscriber = null;
        }
        listeners.clear();
    }
}
