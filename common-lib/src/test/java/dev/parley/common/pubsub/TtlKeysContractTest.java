package dev.parley.common.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    @Test
    void getAndSetReturnsThePreviousLiveValue() {
        String key = key();
        assertThat(keys().getAndSet(key, "active", Duration.ofMillis(700))).isEmpty();
        assertThat(keys().getAndSet(key, "away", Duration.ofMillis(700))).contains("active");
        assertThat(keys().get(key)).contains("away");
        await().atMost(Duration.ofSeconds(5)).until(() -> keys().get(key).isEmpty());
        assertThat(keys().getAndSet(key, "active", Duration.ofMinutes(1))).as("an expired value is no value").isEmpty();
        assertThat(keys().get(key)).contains("active");
    }

    @Test
    void getAllLeavesOutMissingAndExpiredKeys() {
        String a = key();
        String b = key();
        String gone = key();
        keys().set(a, "1", Duration.ofMinutes(1));
        keys().set(b, "2", Duration.ofMinutes(1));
        keys().set(gone, "3", Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(5)).until(() -> keys().get(gone).isEmpty());

        assertThat(keys().getAll(List.of(a, b, gone, key(), a))).isEqualTo(Map.of(a, "1", b, "2"));
        assertThat(keys().getAll(List.of())).isEmpty();
    }

    @Test
    void scanListsTheLiveKeysUnderAPrefixOnly() {
        String prefix = "scan-" + UUID.randomUUID() + ":";
        keys().set(prefix + "u1:g1", "a", Duration.ofMinutes(1));
        keys().set(prefix + "u1:g2", "b", Duration.ofMinutes(1));
        keys().set(prefix + "u2:g1", "c", Duration.ofMillis(300));
        keys().set("other-" + prefix + "u1", "d", Duration.ofMinutes(1));
        keys().set(prefix.substring(0, prefix.length() - 1), "e", Duration.ofMinutes(1));

        assertThat(keys().scan(prefix + "u1:")).isEqualTo(Map.of(prefix + "u1:g1", "a", prefix + "u1:g2", "b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> keys().get(prefix + "u2:g1").isEmpty());
        assertThat(keys().scan(prefix)).isEqualTo(Map.of(prefix + "u1:g1", "a", prefix + "u1:g2", "b"));
        keys().delete(prefix + "u1:g2");
        assertThat(keys().scan(prefix)).isEqualTo(Map.of(prefix + "u1:g1", "a"));
    }

    @Test
    void scanTakesGlobCharactersLiterally() {
        String prefix = "glob-" + UUID.randomUUID() + ":[a*]?";
        keys().set(prefix + "1", "literal", Duration.ofMinutes(1));
        keys().set(prefix.replace("[a*]?", "ab1") + "1", "would match as a pattern", Duration.ofMinutes(1));

        assertThat(keys().scan(prefix)).isEqualTo(Map.of(prefix + "1", "literal"));
    }
}
