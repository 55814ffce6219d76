package dev.parley.gateway.connection;

import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This gateway's view of one channel's sequenced stream: the sockets following it, the last sequence number it
 * delivered, and events that came after a gap and wait for the gap to be filled from the store. Guarded by itself.
 */
final class ChannelStream {

    final String channelId;
    final Set<Connection> followers = ConcurrentHashMap.newKeySet();
    /** The last sequence number delivered to followers in order; -1 until the first event or follower says. */
    long head = -1;
    final TreeMap<Long, StreamEvent> early = new TreeMap<>();
    boolean filling;
    /** Dropped from its workspace (no followers left): whoever holds it asks for the channel's stream anew. */
    boolean removed;

    ChannelStream(String channelId) {
        this.channelId = channelId;
    }
}
