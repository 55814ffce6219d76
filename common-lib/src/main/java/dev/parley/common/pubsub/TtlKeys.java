package dev.parley.common.pubsub;

import java.time.Duration;
import java.util.Optional;

/** Small shared values that expire by themselves: presence, typing, leases. */
public interface TtlKeys {

    void set(String key, String value, Duration ttl);

    Optional<String> get(String key);

    void delete(String key);

    /**
     * Takes or renews a lease: true when the key was free (now set to owner) or already held by owner (ttl renewed),
     * false when someone else holds it.
     */
    boolean acquire(String key, String owner, Duration ttl);
}
