package dev.parley.common.pubsub.inprocess;

import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Expiring keys inside one process; an expired entry is dropped when next read. */
public class InProcessTtlKeys implements TtlKeys {

    private record Entry(String value, long expiresAtNanos) {
        boolean live() {
            return System.nanoTime() - expiresAtNanos < 0;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public void set(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, System.nanoTime() + ttl.toNanos()));
        if (entries.size() % 1024 == 0) {
            entries.values().removeIf(e -> !e.live());
        }
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.live()) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public Optional<String> getAndSet(String key, String value, Duration ttl) {
        Entry fresh = new Entry(value, System.nanoTime() + ttl.toNanos());
        Entry[] previous = new Entry[1];
        entries.compute(key, (k, current) -> {
            previous[0] = current;
            return fresh;
        });
        return previous[0] == null || !previous[0].live() ? Optional.empty() : Optional.of(previous[0].value());
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
            get(key).ifPresent(value -> values.put(key, value));
        }
        return values;
    }

    @Override
    public Map<String, String> scan(String prefix) {
        Map<String, String> values = new HashMap<>();
        entries.forEach((key, entry) -> {
            if (!entry.live()) {
                entries.remove(key, entry);
            } else if (key.startsWith(prefix)) {
                values.put(key, entry.value());
            }
        });
        return values;
    }

    @Override
    public boolean acquire(String key, String owner, Duration ttl) {
        Entry fresh = new Entry(owner, System.nanoTime() + ttl.toNanos());
        Entry result = entries.compute(key, (k, current) ->
                current == null || !current.live() || current.value().equals(owner) ? fresh : current);
        return result == fresh;
    }
}
