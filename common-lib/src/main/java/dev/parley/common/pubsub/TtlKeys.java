package dev.parley.common.pubsub;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Small shared values that expire by themselves: presence, typing, leases. */
public interface TtlKeys {

    void set(String key, String value, Duration ttl);

    Optional<String> get(String key);

    void delete(String key);

    /** Sets the key and returns its previous live value in one atomic step, so only one writer sees a change. */
    Optional<String> getAndSet(String key, String value, Duration ttl);

    /** The live values of the given keys, by key; missing or expired keys are left out. */
    Map<String, String> getAll(Collection<String> keys);

    /**
     * The live keys that start with the prefix, with their values. On Redis this walks the whole key space, so it is
     * for periodic sweeps, not for every request.
     */
    Map<String, String> scan(String prefix);

    /**
     * Takes or renews a lease: true when the key was free (now set to owner) or already held by owner (ttl renewed),
     * false when someone else holds it.
     */
    boolean acquire(String key, String owner, Duration ttl);
}
