package dev.parley.common.event;

import java.util.List;
import java.util.function.Consumer;

/**
 * The durable stream of channel events that consumers (fan-out, search indexing, notifications, replication) read,
 * each in its own group. Events of one channel arrive in sequence order; delivery is at least once.
 */
public interface EventLog {

    /** Appends events; returns only when the log has accepted them all (for Kafka: acknowledged by all replicas). */
    void publish(List<ChannelEvent> events);

    /**
     * Starts delivering events to the handler as a member of the consumer group: each event goes to one member of
     * each group, and one channel's events always to the same member, in order.
     */
    Subscription subscribe(String group, Consumer<ChannelEvent> handler);

    /** A running subscription; closing it stops delivery. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
