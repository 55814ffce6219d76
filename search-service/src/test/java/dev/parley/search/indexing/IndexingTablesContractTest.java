package dev.parley.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The indexer's checkpoints and dead letters on every relational store adapter, behind the sharding guard. */
abstract class IndexingTablesContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private IndexCheckpoints checkpoints;
    private DeadLetters deadLetters;

    @BeforeEach
    void open() {
        store = createStore();
        checkpoints = new IndexCheckpoints(store.jdbc(), store.tx());
        deadLetters = new DeadLetters(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCheckpointOnlyMovesForward() {
        assertThat(checkpoints.get("T1", "C1")).as("never indexed").isZero();
        checkpoints.advance("T1", "C1", 5, 1);
        checkpoints.advance("T1", "C1", 3, 2);
        assertThat(checkpoints.get("T1", "C1")).isEqualTo(5);
        checkpoints.advance("T1", "C1", 9, 3);
        checkpoints.advance("T1", "C2", 1, 3);
        checkpoints.advance("T2", "C1", 7, 3);
        assertThat(checkpoints.get("T1", "C1")).isEqualTo(9);
        assertThat(checkpoints.get("T1", List.of("C1", "C2", "C3"))).isEqualTo(Map.of("C1", 9L, "C2", 1L));
        assertThat(checkpoints.get("T2", List.of("C1"))).as("another workspace's").isEqualTo(Map.of("C1", 7L));
        assertThat(checkpoints.get("T1", List.of())).isEmpty();

        checkpoints.advance("T1", Map.of("C1", 8L, "C2", 4L, "C4", 2L), 4);
        assertThat(checkpoints.get("T1", List.of("C1", "C2", "C4")))
                .as("a batch moves each forward only").isEqualTo(Map.of("C1", 9L, "C2", 4L, "C4", 2L));
    }

    @Test
    void aDeadLetterIsRecordedOnceWithItsError() {
        ChannelEvent poison = new ChannelEvent("T1", "C1", 4, "message", "{broken", null);
        assertThat(deadLetters.record(poison, "x".repeat(DeadLetters.MAX_ERROR + 50), 1000)).isTrue();
        assertThat(deadLetters.record(poison, "again", 2000)).as("a redelivery").isFalse();
        deadLetters.record(new ChannelEvent("T1", "C0", 9, "pin_added", "{}", null), "no ts", 3000);
        deadLetters.record(new ChannelEvent("T2", "C1", 1, "message", "{}", null), "other", 3000);

        List<DeadLetters.DeadLetter> letters = deadLetters.list("T1", 10);
        assertThat(letters).extracting(DeadLetters.DeadLetter::channelId).containsExactly("C0", "C1");
        DeadLetters.DeadLetter first = letters.get(1);
        assertThat(first.payload()).isEqualTo("{broken");
        assertThat(first.error()).hasSize(DeadLetters.MAX_ERROR);
        assertThat(first.failedAt()).isEqualTo(1000);
        assertThat(first.type()).isEqualTo("message");
    }
}
