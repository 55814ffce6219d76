package dev.parley.presence.dnd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The do-not-disturb snooze store on every relational store adapter. */
abstract class DndRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private DndRepository snoozes;

    @BeforeEach
    void open() {
        store = createStore();
        snoozes = new DndRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSnoozeIsStoredAndMovedByTheNextOne() {
        snoozes.snooze("T1", "U1", 5000);
        assertThat(snoozes.snoozeEnds("T1", List.of("U1", "U2"))).isEqualTo(Map.of("U1", 5000L));

        snoozes.snooze("T1", "U1", 9000);
        snoozes.snooze("T1", "U2", 7000);
        snoozes.snooze("T2", "U1", 1234);
        assertThat(snoozes.snoozeEnds("T1", List.of("U1", "U2", "U3"))).isEqualTo(Map.of("U1", 9000L, "U2", 7000L));
        assertThat(snoozes.snoozeEnds("T2", List.of("U1", "U2"))).isEqualTo(Map.of("U1", 1234L));
    }

    @Test
    void onlyARunningSnoozeCanBeEnded() {
        snoozes.snooze("T1", "U1", 5000);
        assertThat(snoozes.endSnooze("T1", "U1", 5000)).as("ended by the clock already").isFalse();
        assertThat(snoozes.endSnooze("T1", "U1", 4999)).isTrue();
        assertThat(snoozes.endSnooze("T1", "U1", 4999)).as("nothing left").isFalse();
        assertThat(snoozes.snoozeEnds("T1", List.of("U1"))).isEmpty();

        snoozes.snooze("T2", "U1", 5000);
        assertThat(snoozes.endSnooze("T1", "U1", 0)).as("another workspace's snooze").isFalse();
        assertThat(snoozes.snoozeEnds("T2", List.of("U1"))).isEqualTo(Map.of("U1", 5000L));
    }
}
