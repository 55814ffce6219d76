package dev.parley.common.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link TtlKeys} adapter must do; each adapter's test extends this. */
public abstract class TtlKeysContractTest {

    protected abstract TtlKeys keys();

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    @Test
    void aValueIsReadBackUntilItExpires() {
        String key = key();
        keys().set(key, "active", Duration.ofMillis(700));
        assertThat(keys().get(key)).contains("active");
        await().atMost(Duration.ofSeconds(5)).until(() -> keys().get(key).isEmpty());
    }

    @Test
    void setReplacesAndDeleteRemoves() {
        String key = key();
        keys().set(key, "away", Duration.ofMinutes(1));
        keys().set(key, "active", Duration.ofMinutes(1));
        assertThat(keys().get(key)).contains("active");
        keys().delete(key);
        assertThat(keys().get(key)).isEmpty();
        assertThat(keys().get(key())).isEmpty();
    }

    @Test
    void aLeaseHasOneOwnerUntilItExpires() {
        String key = key();
        assertThat(keys().acquire(key, "a", Duration.ofMillis(800))).isTrue();
        assertThat(keys().acquire(key, "b", Duration.ofMillis(800))).isFalse();
        assertThat(keys().acquire(key, "a", Duration.ofMillis(800))).as("the owner renews").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> keys().acquire(key, "b", Duration.ofMinutes(1)));
        assertThat(keys().get(key)).contains("b");
    }
}
